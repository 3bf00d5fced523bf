export { ImageFactoryPage } from './ImageFactoryPage';
export { ImageFactoryFleet } from './ImageFactoryFleet';
