// A link that opens the game on /play with a short-lived play token, in a new tab. The game
// is never rendered on the admin origin.
import React from 'react';
import { Box, Label } from '@adminjs/design-system';

const PreviewLink = ({ property, record, where }) => {
  const href = record.params[property.path];
  const ok = typeof href === 'string' && /^https?:\/\/[^\s]+\/play\/[0-9a-f-]+\/\d+\?t=/.test(href);
  const link = ok ? <a href={href} target="_blank" rel="noopener noreferrer" data-testid="preview-link">Open preview (15 min link)</a> : <span>-</span>;
  if (where === 'list') return link;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      {link}
    </Box>
  );
};

export default PreviewLink;
