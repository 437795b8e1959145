import { smallStepFor } from '../../../../client/entrance/closing-screen';

describe('the small step on the closing screen', () => {
  const steps = ['open a window', 'drink water', 'look at the sky'];

  it('is the same all day and another the next day, going round the operator’s list', () => {
    const morning = smallStepFor(steps, new Date(2026, 11, 3, 7, 0));
    expect(smallStepFor(steps, new Date(2026, 11, 3, 23, 59))).toBe(morning);
    const days = [3, 4, 5].map((d) => smallStepFor(steps, new Date(2026, 11, d, 12)));
    expect(new Set(days)).toEqual(new Set(steps));
  });

  it('has nothing to offer from an empty list (the page then shows its own gentle default)', () => {
    expect(smallStepFor([], new Date(2026, 11, 3))).toBeUndefined();
  });
});
