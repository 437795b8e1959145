import path from 'node:path';
import { Timing } from '../../../shared/protocol/limits';
import { defaultConfig, loadConfig } from '../../../signaling-server/config';

describe('loadConfig', () => {
  it('uses safe defaults with an empty environment', () => {
    const config = loadConfig({}, []);
    expect(config).toEqual(defaultConfig());
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      https: false,
      allowedOrigins: [],
      trustProxy: false,
      logLevel: 'info',
      memberGraceMs: Timing.memberGraceMs,
      facilitatorGraceMs: Timing.facilitatorGraceMs,
      pingIntervalMs: Timing.pingIntervalMs,
      pingTimeoutMs: Timing.pingTimeoutMs,
    });
  });

  describe('PORT', () => {
    it.each([
      ['3000', 3000],
      ['0', 0],
      ['65535', 65535],
    ])('accepts %s', (value, port) => {
      expect(loadConfig({ PORT: value }, []).port).toBe(port);
    });

    it.each(['abc', '-1', '65536', '80.5', '8080abc', '99999999', '', ' ', '0x1F90', '1e3'])(
      'throws on %j',
      (value) => {
        expect(() => loadConfig({ PORT: value }, [])).toThrow(/PORT/);
      },
    );
  });

  describe('HTTPS', () => {
    it.each(['1', 'true', 'yes'])('turns on with HTTPS=%s', (value) => {
      expect(loadConfig({ HTTPS: value }, []).https).toBe(true);
    });

    it.each(['0', 'false', 'no', ''])('stays off with HTTPS=%j', (value) => {
      expect(loadConfig({ HTTPS: value }, []).https).toBe(false);
    });

    it('turns on with the --https argument', () => {
      expect(loadConfig({}, ['--https']).https).toBe(true);
      expect(loadConfig({}, ['--verbose', '--https']).https).toBe(true);
      expect(loadConfig({}, ['--http']).https).toBe(false);
    });
  });

  describe('HOST', () => {
    it('listens on loopback only for plain HTTP', () => {
      expect(loadConfig({}, []).host).toBe('127.0.0.1');
    });

    it('listens on every interface for HTTPS so a headset on the LAN can connect', () => {
      expect(loadConfig({}, ['--https']).host).toBe('0.0.0.0');
      expect(loadConfig({ HTTPS: '1' }, []).host).toBe('0.0.0.0');
    });

    it('treats an empty HOST as unset rather than every interface', () => {
      expect(loadConfig({ HOST: '' }, []).host).toBe('127.0.0.1');
      expect(loadConfig({ HOST: '  ' }, []).host).toBe('127.0.0.1');
    });

    it('takes an explicit HOST in either mode', () => {
      expect(loadConfig({ HOST: '192.168.1.20' }, []).host).toBe('192.168.1.20');
      expect(loadConfig({ HOST: '127.0.0.1' }, ['--https']).host).toBe('127.0.0.1');
    });
  });

  it('reads CONNECTIONS_PER_MINUTE and refuses what is not a whole number of at least 1', () => {
    expect(loadConfig({}, []).connectionsPerMinute).toBe(120);
    expect(loadConfig({ CONNECTIONS_PER_MINUTE: ' 600 ' }, []).connectionsPerMinute).toBe(600);
    for (const bad of ['0', '-5', '1.5', 'lots', '']) {
      expect(() => loadConfig({ CONNECTIONS_PER_MINUTE: bad }, [])).toThrow(
        /CONNECTIONS_PER_MINUTE/,
      );
    }
  });

  it('splits ALLOWED_ORIGINS on commas, trimming and dropping empties', () => {
    const config = loadConfig(
      { ALLOWED_ORIGINS: ' https://a.example , http://localhost:5173,, ,' },
      [],
    );
    expect(config.allowedOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({ ALLOWED_ORIGINS: '' }, []).allowedOrigins).toEqual([]);
  });

  it('reads TRUST_PROXY, LOG_LEVEL and TLS_DIR', () => {
    const config = loadConfig({ TRUST_PROXY: 'true', LOG_LEVEL: 'debug', TLS_DIR: 'certs' }, []);
    expect(config.trustProxy).toBe(true);
    expect(config.logLevel).toBe('debug');
    expect(config.tlsDir).toBe(path.resolve('certs'));
  });

  describe('voice', () => {
    const turnUrls = 'turn:turn.example:3478?transport=udp,turn:turn.example:3478?transport=tcp';

    it('has no STUN or TURN server by default, so nothing third-party is contacted', () => {
      expect(loadConfig({}, []).voice).toEqual({ stunUrls: [], turn: null, credentialTtlS: 600 });
    });

    it('reads TURN_URLS and TURN_SECRET together', () => {
      const config = loadConfig({ TURN_URLS: ` ${turnUrls}, `, TURN_SECRET: 'sekrit' }, []);
      expect(config.voice.turn).toEqual({
        urls: ['turn:turn.example:3478?transport=udp', 'turn:turn.example:3478?transport=tcp'],
        secret: 'sekrit',
      });
      expect(
        loadConfig({ TURN_URLS: 'turns:turn.example:5349', TURN_SECRET: 's' }, []).voice,
      ).toMatchObject({ turn: { urls: ['turns:turn.example:5349'] } });
    });

    it.each([
      [{ TURN_URLS: turnUrls }],
      [{ TURN_URLS: turnUrls, TURN_SECRET: '' }],
      [{ TURN_SECRET: 'sekrit' }],
      [{ TURN_URLS: ' , ', TURN_SECRET: 'sekrit' }],
    ])('throws when only one of TURN_URLS and TURN_SECRET is set: %j', (env) => {
      expect(() => loadConfig(env, [])).toThrow(/TURN_URLS and TURN_SECRET/);
    });

    it.each([
      ['TURN_URLS', 'stun:turn.example:3478'],
      ['TURN_URLS', 'turn.example:3478'],
      ['TURN_URLS', 'https://turn.example'],
      ['STUN_URLS', 'turn:stun.example'],
      ['STUN_URLS', 'stun.example:3478'],
    ])('throws on a %s entry with the wrong scheme (%s)', (name, value) => {
      expect(() => loadConfig({ [name]: value, TURN_SECRET: 'sekrit' }, [])).toThrow(name);
    });

    it('reads STUN_URLS', () => {
      expect(
        loadConfig({ STUN_URLS: 'stun:a.example:3478,stuns:b.example' }, []).voice.stunUrls,
      ).toEqual(['stun:a.example:3478', 'stuns:b.example']);
    });

    it.each([
      ['300', 300],
      ['60', 60],
      ['600', 600],
      ['601', 600],
      ['86400', 600],
    ])('TURN_TTL_S=%s gives %i seconds (never more than 600)', (value, ttl) => {
      expect(loadConfig({ TURN_TTL_S: value }, []).voice.credentialTtlS).toBe(ttl);
    });

    it.each(['59', '0', '-1', '1.5', 'ten', '', '1e3'])('throws on TURN_TTL_S=%j', (value) => {
      expect(() => loadConfig({ TURN_TTL_S: value }, [])).toThrow(/TURN_TTL_S/);
    });
  });

  it('returns an independent object on every call', () => {
    const first = loadConfig({ ALLOWED_ORIGINS: 'https://a.example' }, []);
    first.flood.burst = 1;
    const second = loadConfig({}, []);
    expect(second.allowedOrigins).toEqual([]);
    expect(second.flood.burst).toBe(defaultConfig().flood.burst);
    expect(second.flood.burst).not.toBe(1);
  });

  describe('HELP_RESOURCES', () => {
    it('defaults to the example file in config/', () => {
      const file = loadConfig({}, []).helpResourcesPath;
      expect(path.basename(file)).toBe('help-resources.example.json');
      expect(path.basename(path.dirname(file))).toBe('config');
    });

    it('takes a path, resolved against the working directory', () => {
      expect(loadConfig({ HELP_RESOURCES: 'ops/help.json' }, []).helpResourcesPath).toBe(
        path.resolve('ops/help.json'),
      );
      expect(loadConfig({ HELP_RESOURCES: '  ' }, []).helpResourcesPath).toBe(
        defaultConfig().helpResourcesPath,
      );
    });
  });

  describe('FACILITATOR_ACCESS', () => {
    it('is open only for plain HTTP on a loopback address, as `npm start` serves', () => {
      expect(loadConfig({}, []).facilitatorAccess).toBe('open');
      expect(loadConfig({ HOST: '127.0.0.2' }, []).facilitatorAccess).toBe('open');
      expect(loadConfig({ HOST: '::1' }, []).facilitatorAccess).toBe('open');
      expect(loadConfig({ HOST: 'localhost' }, []).facilitatorAccess).toBe('open');
    });

    it('needs keys wherever others can reach the page: HTTPS, or any other address', () => {
      expect(loadConfig({}, ['--https']).facilitatorAccess).toBe('keys');
      expect(loadConfig({ HTTPS: '1', HOST: '127.0.0.1' }, []).facilitatorAccess).toBe('keys');
      expect(loadConfig({ HOST: '0.0.0.0' }, []).facilitatorAccess).toBe('keys');
      expect(loadConfig({ HOST: '192.168.1.20' }, []).facilitatorAccess).toBe('keys');
      expect(loadConfig({ HOST: '::' }, []).facilitatorAccess).toBe('keys');
    });

    it('takes an explicit choice either way, and refuses anything else', () => {
      expect(
        loadConfig({ HOST: '0.0.0.0', FACILITATOR_ACCESS: 'open' }, []).facilitatorAccess,
      ).toBe('open');
      expect(loadConfig({ FACILITATOR_ACCESS: ' Keys ' }, []).facilitatorAccess).toBe('keys');
      expect(loadConfig({ FACILITATOR_ACCESS: '' }, []).facilitatorAccess).toBe('open');
      expect(() => loadConfig({ FACILITATOR_ACCESS: 'closed' }, [])).toThrow(/FACILITATOR_ACCESS/);
    });
  });

  it('keeps its SQLite file under .engawa unless DATA_DIR says where', () => {
    expect(path.basename(loadConfig({}, []).dataDir)).toBe('.engawa');
    expect(loadConfig({ DATA_DIR: 'var/engawa' }, []).dataDir).toBe(path.resolve('var/engawa'));
  });

  it('suggests a break after 2 hours a day unless BALANCE_MINUTES says otherwise; 0 turns it off', () => {
    expect(loadConfig({}, []).balanceMinutes).toBe(120);
    expect(loadConfig({ BALANCE_MINUTES: ' 90 ' }, []).balanceMinutes).toBe(90);
    expect(loadConfig({ BALANCE_MINUTES: '0' }, []).balanceMinutes).toBeNull();
    for (const bad of ['-5', '1441', '1.5', 'two hours']) {
      expect(() => loadConfig({ BALANCE_MINUTES: bad }, [])).toThrow(/BALANCE_MINUTES/);
    }
  });
});
