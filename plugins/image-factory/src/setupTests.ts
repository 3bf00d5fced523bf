import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The CI machine is shared and slow; findBy* waits for rendering, not for a deadline.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
