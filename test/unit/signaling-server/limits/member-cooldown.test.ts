import { defaultConfig } from '../../../../signaling-server/config';
import { MemberCooldown } from '../../../../signaling-server/limits/member-cooldown';

function setup(windowMs = 700) {
  const clock = { now: 1_000_000 };
  const cooldown = new MemberCooldown(windowMs, () => clock.now);
  return { clock, cooldown };
}

describe('MemberCooldown', () => {
  it('defaults to one reaction per 700 ms', () => {
    expect(defaultConfig().reactionCooldownMs).toBe(700);
  });

  it('lets a first reaction through and refuses another within the window', () => {
    const { clock, cooldown } = setup();
    expect(cooldown.take('member-a')).toBe(0);
    expect(cooldown.take('member-a')).toBe(700);
    clock.now += 699;
    expect(cooldown.take('member-a')).toBe(1);
    clock.now += 1;
    expect(cooldown.take('member-a')).toBe(0);
  });

  it('does not let refused attempts push the window further out', () => {
    const { clock, cooldown } = setup();
    cooldown.take('member-a');
    for (let i = 0; i < 6; i++) {
      clock.now += 100;
      expect(cooldown.take('member-a')).toBeGreaterThan(0);
    }
    // 700 ms after the one that was shown, whatever was refused in between.
    clock.now += 100;
    expect(cooldown.take('member-a')).toBe(0);
  });

  it('paces each member on their own', () => {
    const { clock, cooldown } = setup();
    expect(cooldown.take('member-a')).toBe(0);
    clock.now += 300;
    expect(cooldown.take('member-b')).toBe(0);
    expect(cooldown.take('member-a')).toBe(400);
    clock.now += 400;
    expect(cooldown.take('member-a')).toBe(0);
    expect(cooldown.take('member-b')).toBe(300);
  });

  it('does not lock anyone out when the clock steps backwards', () => {
    const { clock, cooldown } = setup();
    cooldown.take('member-a');
    clock.now -= 60_000;
    expect(cooldown.take('member-a')).toBe(0);
  });

  it('forgets members whose window has passed', () => {
    const { clock, cooldown } = setup();
    for (const id of ['member-a', 'member-b', 'member-c']) cooldown.take(id);
    expect(cooldown.size).toBe(3);
    clock.now += 700;
    cooldown.take('member-d');
    expect(cooldown.size).toBe(1);
  });

  it('tells what is left of a window without starting or extending one', () => {
    const { clock, cooldown } = setup();
    expect(cooldown.remaining('member-a')).toBe(0);
    expect(cooldown.take('member-a')).toBe(0);
    clock.now += 200;
    expect(cooldown.remaining('member-a')).toBe(500);
    expect(cooldown.remaining('member-a')).toBe(500);
    clock.now += 500;
    expect(cooldown.remaining('member-a')).toBe(0);
    expect(cooldown.take('member-a')).toBe(0);
  });
});
