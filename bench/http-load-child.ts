import autocannon from 'autocannon';

/** Runs in its own process, so the load generator does not share the ledger's event loop. */
const { url, key, pupilIds, connections, seconds } = JSON.parse(process.argv[2]) as {
  url: string;
  key: string;
  pupilIds: string[];
  connections: number;
  seconds: number;
};
let n = 0;
autocannon(
  {
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const pupilId = pupilIds[(n * 7919) % pupilIds.length];
          n++;
          return {
            ...req,
            path: `/pupils/${pupilId}/consents`,
            body: JSON.stringify({ purpose: 'share-printer', guardianId: `${pupilId}-g1`, noticeVersion: `http-${connections}-${n}`, channel: 'paper' }),
          };
        },
      },
    ],
  },
  (err, result) => {
    if (err) throw err;
    process.stdout.write(
      JSON.stringify({
        perSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        completed: result['2xx'],
        failed: result.non2xx + result.errors + result.timeouts,
      }),
    );
  },
);
