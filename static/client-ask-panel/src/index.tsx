import { mountApp } from '../../common/mount';
import { ClientAskPanel } from './ClientAskPanel';

mountApp(<ClientAskPanel />);
