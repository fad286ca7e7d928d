// Reject (one version or many) with a required reason. Posts the reason to the action's own
// handler, which calls sendModerationDecision; errors come back as notices.
import React, { useState } from 'react';
import { Box, Button, Label, TextArea, Text } from '@adminjs/design-system';
import { ApiClient, useNotice } from 'adminjs';

const api = new ApiClient();

const ReasonForm = (props) => {
  const { resource, action, record, records } = props;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const many = action.actionType === 'bulk';
  const count = many ? (records || []).length : 1;

  const submit = async (event) => {
    event.preventDefault();
    if (!reason.trim()) {
      addNotice({ message: 'A rejection needs a reason.', type: 'error' });
      return;
    }
    setBusy(true);
    const data = new FormData();
    data.append('reason', reason.trim());
    try {
      const res = many
        ? await api.bulkAction({ resourceId: resource.id, recordIds: records.map((r) => r.id), actionName: action.name, data })
        : await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl && (!res.data.notice || res.data.notice.type !== 'error')) window.location.assign(res.data.redirectUrl);
    } catch (err) {
      addNotice({ message: `Could not reject: ${err && err.message ? err.message : err}`, type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" onSubmit={submit} variant="container" data-testid="reject-form">
      <Text mb="lg">{many ? `Reject ${count} selected version(s).` : 'Reject this version.'} The requester sees the reason.</Text>
      <Label htmlFor="reject-reason" required>Reason</Label>
      <TextArea id="reject-reason" name="reason" width={1} rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Box mt="lg">
        <Button type="submit" variant="danger" disabled={busy || !reason.trim()} data-testid="reject-submit">Reject</Button>
      </Box>
    </Box>
  );
};

export default ReasonForm;
