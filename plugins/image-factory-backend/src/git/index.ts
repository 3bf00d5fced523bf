export { StateRepository } from './StateRepository';
