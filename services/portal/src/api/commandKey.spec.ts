import { CommandKey } from './commandKey';
import { ApiError } from './errors';

describe('CommandKey', () => {
  it('keeps the key for a retry whose outcome is unknown (no answer, 5xx)', () => {
    const key = new CommandKey();
    const first = key.value;
    key.settled(new ApiError(0));
    key.settled(new ApiError(503));
    key.settled(new TypeError('Failed to fetch'));
    expect(key.value).toBe(first);
  });

  it('renews it once an answer settled the action: a success, or a refusal the service recorded under it', () => {
    const key = new CommandKey();
    const first = key.value;
    key.settled();
    const second = key.value;
    key.settled(new ApiError(409));
    expect(new Set([first, second, key.value]).size).toBe(3);
  });
});
