/**
 * A local stand-in for Discord: an HTTP server for the REST API (records every request) whose /gateway/bot
 * points at a local WebSocket gateway that sends HELLO, READY and GUILD_CREATE and then whatever the test
 * dispatches. discord.js itself connects to it; nothing of discord.js is mocked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
}

export const BOT_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const USER = {
  id: '400000000000000004',
  username: 'asker',
  global_name: '提问者',
  discriminator: '0',
  avatar: null,
};

export class FakeDiscord {
  requests: RecordedRequest[] = [];
  private http!: Server;
  private wss!: WebSocketServer;
  private socket?: WebSocket;
  private seq = 0;
  private waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  /** Resolves once the bot has identified and received READY and GUILD_CREATE. */
  ready!: Promise<void>;
  private markReady!: () => void;
  apiUrl = '';

  async start(): Promise<void> {
    this.ready = new Promise((r) => (this.markReady = r));
    this.wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.wss.on('connection', (ws) => this.onSocket(ws));
    await new Promise<void>((r) => this.wss.once('listening', () => r()));
    const wsPort = (this.wss.address() as AddressInfo).port;
    this.http = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const path = (req.url ?? '').replace(/^\/api(\/v\d+)?/, '');
        const body = parseBody(req.headers['content-type'] ?? '', data);
        const rec = { method: req.method ?? 'GET', path, body };
        if (path.startsWith('/gateway/bot')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              url: `ws://127.0.0.1:${wsPort}`,
              shards: 1,
              session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
            }),
          );
          return;
        }
        this.requests.push(rec);
        this.waiters = this.waiters.filter((w) => (w.match(rec) ? (w.resolve(rec), false) : true));
        if (/\/interactions\/\d+\/[^/]+\/callback/.test(path)) {
          res.writeHead(204);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(messageFrom(rec)));
      });
    });
    await new Promise<void>((r) => this.http.listen(0, '127.0.0.1', r));
    this.apiUrl = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/api`;
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) {
        this.dispatch('READY', {
          v: 10,
          user: { id: BOT_ID, username: 'reportbot', discriminator: '0', bot: true, avatar: null },
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: 'session',
          resume_gateway_url: 'ws://127.0.0.1',
          application: { id: BOT_ID, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', {
          id: GUILD_ID,
          name: 'test',
          unavailable: false,
          channels: [{ id: CHANNEL_ID, type: 0, name: 'general', guild_id: GUILD_ID }],
          members: [],
          roles: [],
          emojis: [],
          stickers: [],
          threads: [],
          presences: [],
          voice_states: [],
          member_count: 2,
          features: [],
          owner_id: USER.id,
          joined_at: new Date().toISOString(),
          large: false,
        });
        setTimeout(() => this.markReady(), 50);
      }
    });
  }

  dispatch(t: string, d: unknown): void {
    this.socket?.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  /** Waits for the next REST request that matches. */
  next(match: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) {
      this.requests.splice(this.requests.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no matching request arrived')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(t);
          this.requests.splice(this.requests.indexOf(r), 1);
          resolve(r);
        },
      });
    });
  }

  callback(interactionId: string): Promise<RecordedRequest> {
    return this.next((r) => r.path.startsWith(`/interactions/${interactionId}/`));
  }

  async stop(): Promise<void> {
    this.wss.clients.forEach((c) => c.terminate());
    await new Promise((r) => this.wss.close(r));
    await new Promise((r) => this.http.close(r));
  }
}

function parseBody(type: string, data: string): any {
  if (!data) return null;
  if (type.includes('multipart')) {
    const json = data.match(/name="payload_json"\r\n(?:Content-Type: application\/json\r\n)?\r\n([\s\S]*?)\r\n--/);
    return json ? JSON.parse(json[1] ?? '') : data; // the payload group always takes part
  }
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function messageFrom(rec: RecordedRequest) {
  return {
    id: String(Date.now()),
    channel_id: CHANNEL_ID,
    author: { id: BOT_ID, username: 'reportbot', discriminator: '0', bot: true, avatar: null },
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: rec.body?.embeds ?? [],
    pinned: false,
    type: 0,
  };
}

let ids = 500000000000000000n;
export const nextId = () => String(++ids);

/** An INTERACTION_CREATE payload: 2 = slash command, 3 = button, 4 = autocomplete. */
export function interaction(type: 2 | 3 | 4, data: Record<string, unknown>) {
  return {
    id: nextId(),
    application_id: BOT_ID,
    type,
    token: `tok${nextId()}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
    member: {
      user: USER,
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '0',
    },
    app_permissions: '0',
    locale: 'zh-CN',
    guild_locale: 'zh-CN',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    attachment_size_limit: 8388608,
    data,
    ...(type === 3 ? { message: messageFrom({ method: 'POST', path: '', body: {} }) } : {}),
  };
}

export function slash(
  name: string,
  options: { name: string; type: number; value: unknown; focused?: boolean }[],
  type: 2 | 4 = 2,
) {
  return interaction(type, { id: nextId(), name, type: 1, options });
}

export function button(customId: string) {
  return interaction(3, { custom_id: customId, component_type: 2 });
}

export function mentionMessage(content: string) {
  return {
    id: nextId(),
    channel_id: CHANNEL_ID,
    guild_id: GUILD_ID,
    author: USER,
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [{ ...USER, id: BOT_ID, username: 'reportbot', bot: true }],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
