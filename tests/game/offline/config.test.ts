// renderTemplate / readConfig: only the JSON inside the config block changes, every value is
// checked against template.json, and nothing a value holds can leave the script element.
import { describe, expect, it } from '@jest/globals';
import { OfflineEngineError, readConfig, renderTemplate } from '../../../game/offline/index.ts';
import { configOf, configText, defaultsOf, outsideConfig, TEMPLATES, template } from './helpers.ts';

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OfflineEngineError);
    return (e as OfflineEngineError).code;
  }
  return undefined;
}

describe('renderTemplate', () => {
  it.each(TEMPLATES.map((t) => [t.id]))('renders %s with its defaults byte-identical to game.html', (id) => {
    const t = template(id);
    expect(renderTemplate(t, {})).toBe(t.code);
    expect(renderTemplate(t, defaultsOf(t))).toBe(t.code);
  });

  it('replaces only the JSON inside the config block', () => {
    const t = template('basic_platformer');
    const html = renderTemplate(t, { player_color: '#e74c3c', jump_strength: 600 });
    expect(outsideConfig(html)).toBe(outsideConfig(t.code));
    expect(configOf(html)).toEqual({ ...defaultsOf(t), player_color: '#e74c3c', jump_strength: 600 });
    expect(Object.keys(configOf(html))).toEqual(Object.keys(t.variables));
  });

  it.each([
    [{ jump_strength: 5000 }, 'invalid_value'],
    [{ jump_strength: '600' }, 'invalid_value'],
    [{ player_color: 'red' }, 'invalid_value'],
    [{ difficulty: 'nightmare' }, 'invalid_value'],
    [{ coin_count: 2.5 }, 'invalid_value'],
    [{ title: 'x'.repeat(41) }, 'invalid_value'],
    [{ jump_strength: Number.NaN }, 'invalid_value'],
    [{ lasers: true }, 'unknown_variable'],
  ])('refuses %j with %s', (values, code) => {
    expect(errorCode(() => renderTemplate(template('basic_platformer'), values))).toBe(code);
  });

  it('refuses a template without a config block', () => {
    const t = { ...template('basic_platformer'), code: '<!DOCTYPE html><p>hand made</p>' };
    expect(errorCode(() => renderTemplate(t, {}))).toBe('no_config_block');
  });

  it('escapes values so they cannot close the script element', () => {
    const t = template('basic_shooter');
    const title = '</script><script>alert(1)</script>\u2028<!--&';
    const html = renderTemplate(t, { title });
    const json = configText(html);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(html.match(/<\/script>/g)?.length).toBe(t.code.match(/<\/script>/g)?.length);
    expect(configOf(html).title).toBe(title);
    expect(readConfig(html)?.title).toBe(title);
  });
});

describe('readConfig', () => {
  it('reads the values back from a rendered game', () => {
    const t = template('basic_racing');
    const html = renderTemplate(t, { lane_count: 5 });
    expect(readConfig(html)).toEqual({ ...defaultsOf(t), lane_count: 5 });
  });

  it('returns undefined when the block is absent or not a JSON object', () => {
    expect(readConfig('<!DOCTYPE html><script>var x = 1;</script>')).toBeUndefined();
    expect(readConfig('<script type="application/json" id="playforge-config">{oops</script>')).toBeUndefined();
    expect(readConfig('<script type="application/json" id="playforge-config">[1,2]</script>')).toBeUndefined();
    expect(readConfig(undefined as unknown as string)).toBeUndefined();
  });

  it('ignores a look-alike block that is not JSON or has another id', () => {
    const html = '<script id="playforge-config">{"a":1}</script>' +
      '<script type="application/json" data-id="playforge-config">{"b":2}</script>' +
      '<script type="application/json" id="playforge-config">{"c":3}</script>';
    expect(readConfig(html)).toEqual({ c: 3 });
  });
});
