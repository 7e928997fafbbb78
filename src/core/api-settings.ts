// The API connection settings, read once from the environment at the edge.
import { DEFAULT_API_URL } from '../losant/api-url.js';
import { UsageError } from '../model/errors.js';

export interface ApiSettings {
  apiUrl: string;
  token: string;
  losantDomain?: string;
}

/** LOSANT_API_TOKEN is required; the message never contains any part of a token. */
export function readApiSettings(env: Record<string, string | undefined>): ApiSettings {
  const token = env['LOSANT_API_TOKEN']?.trim();
  if (token === undefined || token === '') {
    throw new UsageError(
      'LOSANT_API_TOKEN is not set: create an API token on the API Tokens page of the organization in Losant with the scopes ' +
        'org.get, org.pendingInvites, org.patch, org.inviteMember, org.modifyMember, org.removeMember, ' +
        'org.revokeInvite, and export it as LOSANT_API_TOKEN',
    );
  }
  const apiUrl = env['LOSANT_API_URL']?.trim() || DEFAULT_API_URL;
  const losantDomain = env['LOSANT_DOMAIN']?.trim();
  return losantDomain ? { apiUrl, token, losantDomain } : { apiUrl, token };
}
