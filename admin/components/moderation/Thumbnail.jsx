// The version's thumbnail, only ever as a PNG data: URL (never the game's code).
import React from 'react';
import { Box, Label } from '@adminjs/design-system';

const PREFIX = 'data:image/png;base64,';

const Thumbnail = ({ property, record, where }) => {
  const value = record.params[property.path];
  const ok = typeof value === 'string' && value.startsWith(PREFIX) && /^[A-Za-z0-9+/=]+$/.test(value.slice(PREFIX.length));
  const img = ok ? <img src={value} alt="thumbnail" style={{ maxWidth: where === 'list' ? 96 : 320, border: '1px solid #ddd' }} /> : <span>no thumbnail</span>;
  if (where === 'list') return img;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      {img}
    </Box>
  );
};

export default Thumbnail;
