import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

export const validateCommand: Command = async () => {
  throw new UsageError('losant-org validate is not built yet');
};
