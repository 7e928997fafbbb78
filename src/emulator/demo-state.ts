// The built-in demo org the emulator serves when no --state file is given.
import type { EmulatorSeed, SeedUsage } from './emulator-seed.js';
import { INVITE_TTL_MS } from './emulator-seed.js';

export const DEMO_ORG_ID = '6650f0c1a2b3c4d5e6f70801';
export const DEMO_USER_ID = '6650f0c1a2b3c4d5e6f70a01';
/** The demo admin's token: a fixed emulator value printed by `losant-org emulator`, not a user secret. */
export const DEMO_TOKEN = 'emu_demo_7c1e9a4b2f6d8035e1c4a9b7d2f0e6a3';

export const DEMO_APPLICATION_IDS = [
  '6650f0c1a2b3c4d5e6f70b01',
  '6650f0c1a2b3c4d5e6f70b02',
] as const;
export const DEMO_DASHBOARD_IDS = ['6650f0c1a2b3c4d5e6f70c01', '6650f0c1a2b3c4d5e6f70c02'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A fleet of about 1,200 devices reporting state over MQTT: what `losant-org usage` shows for the demo. */
export const DEMO_USAGE: SeedUsage = {
  devices: 1236,
  devicesCreatedPerDay: 4,
  payloadsPerDay: {
    deviceState: 182_000,
    deviceConnect: 2_600,
    deviceDisconnect: 2_550,
    deviceCommand: 1_200,
    mqttIn: 21_000,
    mqttOut: 9_500,
    webhook: 3_100,
    timer: 4_320,
    endpoint: 7_800,
  },
  notebookMinutesPerDay: 14,
  resources: {
    appCount: 4,
    dashCount: 9,
    flowCount: 38,
    dataTableCount: 3,
    notebookCount: 2,
    experienceUserCount: 310,
    webhookCount: 5,
    deviceRecipeCount: 6,
  },
};

/** The demo org at time `now`: invite dates are relative so that one invite is pending and one expired. */
export function createDemoSeed(now: number): EmulatorSeed {
  const [fleetApp, firmwareApp] = DEMO_APPLICATION_IDS;
  const [opsDashboard, execDashboard] = DEMO_DASHBOARD_IDS;
  return {
    users: [
      { id: DEMO_USER_ID, email: 'ada@acme-iot.example', firstName: 'Ada', lastName: 'Lovelace' },
      {
        id: '6650f0c1a2b3c4d5e6f70a02',
        email: 'grace@acme-iot.example',
        firstName: 'Grace',
        lastName: 'Hopper',
      },
      {
        id: '6650f0c1a2b3c4d5e6f70a03',
        email: 'linus@acme-iot.example',
        firstName: 'Linus',
        lastName: 'Torvalds',
      },
      {
        id: '6650f0c1a2b3c4d5e6f70a04',
        email: 'margaret@acme-iot.example',
        firstName: 'Margaret',
        lastName: 'Hamilton',
      },
      {
        id: '6650f0c1a2b3c4d5e6f70a05',
        email: 'ken@acme-iot.example',
        firstName: 'Ken',
        lastName: 'Thompson',
      },
    ],
    tokens: [{ token: DEMO_TOKEN, userId: DEMO_USER_ID, scopes: ['all.User'] }],
    orgs: [
      {
        id: DEMO_ORG_ID,
        name: 'Acme IoT',
        description: 'Production fleet',
        iconColor: '#2d7ff9',
        mfaMode: 'adminRequired',
        billingEmail: 'billing@acme-iot.example',
        planId: 'enterprise',
        applications: [...DEMO_APPLICATION_IDS],
        dashboards: [...DEMO_DASHBOARD_IDS],
        creationDate: new Date(now - 400 * DAY_MS).toISOString(),
        lastUpdated: new Date(now - 3 * DAY_MS).toISOString(),
        // A plan of this fictional org's own, not Losant's published figures: a small plan's seat count,
        // so that the member limit shows in the demo (members 5 of 8), and devices near their limit.
        limits: { member: 8, device: 1500, payload: 10_000_000, notebookMinutesPerMonth: 600 },
        usage: DEMO_USAGE,
        members: [
          { userId: DEMO_USER_ID, role: 'admin' },
          { userId: '6650f0c1a2b3c4d5e6f70a02', role: 'admin' },
          {
            userId: '6650f0c1a2b3c4d5e6f70a03',
            role: 'edit',
            applicationRoles: [{ resourceId: firmwareApp, role: 'collaborate' }],
          },
          {
            userId: '6650f0c1a2b3c4d5e6f70a04',
            role: 'collaborate',
            applicationRoles: [{ resourceId: fleetApp, role: 'view' }],
            dashboardRoles: [{ resourceId: opsDashboard, role: 'collaborate' }],
          },
          {
            userId: '6650f0c1a2b3c4d5e6f70a05',
            role: 'view',
            dashboardRoles: [{ resourceId: execDashboard, role: 'view' }],
          },
        ],
        invites: [
          {
            id: '6650f0c1a2b3c4d5e6f70d01',
            email: 'dennis@acme-iot.example',
            role: 'view',
            inviteDate: new Date(now - 1 * DAY_MS).toISOString(),
            ttl: INVITE_TTL_MS,
          },
          {
            id: '6650f0c1a2b3c4d5e6f70d02',
            email: 'barbara@acme-iot.example',
            role: 'collaborate',
            applicationRoles: [{ resourceId: fleetApp, role: 'collaborate' }],
            inviteDate: new Date(now - 10 * DAY_MS).toISOString(),
            ttl: INVITE_TTL_MS,
          },
        ],
      },
    ],
  };
}
