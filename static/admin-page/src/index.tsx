import { mountApp } from '../../common/mount';
import { AdminApp } from './AdminApp';

mountApp(<AdminApp />);
