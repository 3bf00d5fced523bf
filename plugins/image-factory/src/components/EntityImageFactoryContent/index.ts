export { EntityImageFactoryContent } from './EntityImageFactoryContent';
