import { mountApp } from '../../common/mount';
import { ProjectPageApp } from './ProjectPageApp';

mountApp(<ProjectPageApp />);
