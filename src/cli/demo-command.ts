import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

export const demoCommand: Command = async () => {
  throw new UsageError('losant-org demo is not built yet');
};
