export { ImageFactoryPage } from './ImageFactoryPage';
export { ImageFactoryRoutes } from './ImageFactoryRoutes';
