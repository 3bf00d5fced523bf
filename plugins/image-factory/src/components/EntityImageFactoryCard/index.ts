export { EntityImageFactoryCard } from './EntityImageFactoryCard';
