import { markerLanes } from './markerLanes';

describe('marker label lanes', () => {
  it('keeps markers far apart on the first row', () => {
    expect(markerLanes([0, 500, 1000], [0, 1000], 1000)).toEqual([0, 0, 0]);
  });

  it('puts labels of markers drawn close together on different rows, whatever order they come in', () => {
    expect(markerLanes([10, 20, 30, 600], [0, 1000], 1000)).toEqual([0, 1, 2, 0]);
    expect(markerLanes([30, 10, 20], [0, 1000], 1000)).toEqual([2, 0, 1]);
  });

  it('reuses the row that frees up first when every row is taken', () => {
    expect(markerLanes([0, 1, 2, 3], [0, 1000], 1000)).toEqual([0, 1, 2, 0]);
  });

  it('copes with an empty time span', () => {
    expect(markerLanes([5, 5], [5, 5], 400)).toEqual([0, 1]);
  });
});
