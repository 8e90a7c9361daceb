import { mountApp } from '../../common/mount';
import { ChangeRequestPanel } from './ChangeRequestPanel';

mountApp(<ChangeRequestPanel />);
