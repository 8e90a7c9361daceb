import { mountApp } from '../../common/mount';
import { RedFlagsPanel } from './RedFlagsPanel';

mountApp(<RedFlagsPanel />);
