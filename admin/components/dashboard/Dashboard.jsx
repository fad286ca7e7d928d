// The console's front page: figures from GET /admin/api/dashboard (admin/dashboard.ts).
import React, { useEffect, useState } from 'react';
import { Box, H2, H4, Text, Table, TableHead, TableBody, TableRow, TableCell } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

const api = new ApiClient();

const minutes = (s) => (s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`);

const Dashboard = () => {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.getDashboard().then((res) => setData(res.data)).catch((err) => setError(String(err && err.message ? err.message : err)));
  }, []);
  if (error) return <Box variant="container" m="xl"><Text>Could not load the figures: {error}</Text></Box>;
  if (!data) return <Box variant="container" m="xl"><Text>Loading…</Text></Box>;
  const states = Object.entries(data.jobsByState || {});
  return (
    <Box variant="container" m="xl" data-testid="playforge-dashboard">
      <H2>Playforge today</H2>
      <Box mb="xl" data-testid="review-queue">
        <H4>Review queue</H4>
        <Text>{data.reviewQueue.length} waiting · average wait {minutes(data.reviewQueue.averageWaitSeconds)} · oldest {minutes(data.reviewQueue.oldestWaitSeconds)}</Text>
      </Box>
      <Box mb="xl">
        <H4>Jobs per state (since {new Date(data.since).toLocaleString()})</H4>
        <Table>
          <TableHead><TableRow><TableCell>State</TableCell><TableCell>Jobs</TableCell></TableRow></TableHead>
          <TableBody>
            {states.length ? states.map(([state, n]) => (
              <TableRow key={state}><TableCell>{state}</TableCell><TableCell>{n}</TableCell></TableRow>
            )) : <TableRow><TableCell colSpan={2}>No jobs today</TableCell></TableRow>}
          </TableBody>
        </Table>
      </Box>
      <Box mb="xl">
        <H4>Provider failure rate (today)</H4>
        <Table>
          <TableHead><TableRow><TableCell>Provider</TableCell><TableCell>Attempts</TableCell><TableCell>Failed</TableCell><TableCell>Failure rate</TableCell></TableRow></TableHead>
          <TableBody>
            {data.providers.length ? data.providers.map((p) => (
              <TableRow key={p.provider}>
                <TableCell>{p.provider}</TableCell><TableCell>{p.attempts}</TableCell><TableCell>{p.failed}</TableCell>
                <TableCell>{(p.failureRate * 100).toFixed(1)}%</TableCell>
              </TableRow>
            )) : <TableRow><TableCell colSpan={4}>No provider calls today</TableCell></TableRow>}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};

export default Dashboard;
