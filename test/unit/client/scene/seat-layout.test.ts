import { SEATED_EYE_HEIGHT_M, ringRadius, seatPose } from '../../../../client/scene/seat-layout';
import { listenerAt } from '../../../../client/scene/seating';

const seatListener = (seat: number, capacity: number) => listenerAt(seatPose(seat, capacity));

describe('listenerAt a seat of the ring', () => {
  it.each([
    [0, 4],
    [3, 4],
    [5, 12],
  ])('puts the ears at seat %i of %i, at eye height, facing the centre', (seat, capacity) => {
    const ears = seatListener(seat, capacity);
    const pose = seatPose(seat, capacity);
    expect(ears.position).toEqual({ x: pose.x, y: SEATED_EYE_HEIGHT_M, z: pose.z });
    const r = ringRadius(capacity);
    // Looking from the seat along `forward` for one radius reaches the centre.
    expect(ears.position.x + ears.forward.x * r).toBeCloseTo(0, 9);
    expect(ears.position.z + ears.forward.z * r).toBeCloseTo(0, 9);
    expect(Math.hypot(ears.forward.x, ears.forward.y, ears.forward.z)).toBeCloseTo(1, 9);
    expect(ears.up).toEqual({ x: 0, y: 1, z: 0 });
  });

  it('agrees with the seat yaw the 3D view uses (yaw 0 looks down +z)', () => {
    const { yaw } = seatPose(2, 6);
    const ears = seatListener(2, 6);
    expect(ears.forward.x).toBeCloseTo(Math.sin(yaw), 9);
    expect(ears.forward.z).toBeCloseTo(Math.cos(yaw), 9);
  });
});
