export * from './common';
export * from './limits';
export * from './branch';
export * from './enroll';
export * from './catalogue';
export * from './transactions/index';
export * from './sync';
export * from './outcome';
