// losant-org's version, put in by the bundler from package.json (tests running sources see 0.0.0-dev).
declare const __LOSANT_ORG_VERSION__: string | undefined;

export const TOOL_VERSION: string =
  typeof __LOSANT_ORG_VERSION__ === 'string' ? __LOSANT_ORG_VERSION__ : '0.0.0-dev';
