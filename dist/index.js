import { createRequire as __losantCreateRequire } from 'node:module'; const require = __losantCreateRequire(import.meta.url);
