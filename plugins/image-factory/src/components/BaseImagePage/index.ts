export { BaseImagePage } from './BaseImagePage';
