import { GroupSync } from '../../../src/server/storage/group-sync';

describe('GroupSync', () => {
  test('concurrent callers share syncs, and each waits for one that started after it asked', async () => {
    const started: number[] = [];
    let finished = 0;
    const group = new GroupSync(async () => {
      started.push(Date.now());
      await new Promise((r) => setTimeout(r, 20));
      finished++;
    });
    const asked: Array<{ syncsFinishedBefore: number }> = [];
    const done = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 3));
        asked.push({ syncsFinishedBefore: finished });
        await group.sync();
        return finished;
      }),
    );
    expect(started.length).toBeLessThanOrEqual(3);
    // Every caller returned only after a sync began at or after its request.
    for (let i = 0; i < done.length; i++) expect(done[i]).toBeGreaterThan(asked[i].syncsFinishedBefore);
  });

  test('a failed sync fails its callers and does not wedge the next', async () => {
    let fail = true;
    const group = new GroupSync(async () => {
      if (fail) throw new Error('EIO');
    });
    await expect(group.sync()).rejects.toThrow('EIO');
    fail = false;
    await expect(group.sync()).resolves.toBeUndefined();
  });
});
