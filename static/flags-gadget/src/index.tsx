import { mountApp } from '../../common/mount';
import { FlagsGadget } from './FlagsGadget';

mountApp(<FlagsGadget />);
