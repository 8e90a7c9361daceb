import { mountApp } from '../../common/mount';
import { ClientAssigneeField } from './ClientAssigneeField';

mountApp(<ClientAssigneeField />);
