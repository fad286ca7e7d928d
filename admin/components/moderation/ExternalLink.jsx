// An http(s) link shown as a link (e.g. the run in Temporal UI).
import React from 'react';
import { Box, Label } from '@adminjs/design-system';

const ExternalLink = ({ property, record, where }) => {
  const href = record.params[property.path];
  const link = typeof href === 'string' && /^https?:\/\//.test(href)
    ? <a href={href} target="_blank" rel="noopener noreferrer">{href}</a>
    : <span>-</span>;
  if (where === 'list') return link;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      {link}
    </Box>
  );
};

export default ExternalLink;
