import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

export const exportCommand: Command = async () => {
  throw new UsageError('losant-org export is not built yet');
};
