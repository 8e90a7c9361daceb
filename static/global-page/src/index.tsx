import { mountApp } from '../../common/mount';
import { PortalApp } from './PortalApp';

mountApp(<PortalApp />);
