export * from './generated';
export * from './clientBase';
