// Unmodified releases of libraries that games embed whole (jQuery), recognised by the hash of
// their text. Their internals are the library's, not the game's: jQuery contains eval, XHR,
// document.write and hidden frames for features a game may never call, and judging those
// lines would block every jQuery game. A recognised release is noted instead of scanned, the
// game's own calls into it are judged (jquery-api.ts), and the smoke run still executes it. A
// copy changed by even one character does not match and is scanned like any other code.
import { createHash } from 'node:crypto';

/** Line ends unified, a trailing source-map comment and surrounding blank space ignored. */
export function libraryText(code: string): string {
  return code.replace(/\r\n?/g, '\n').replace(/\n?\/\/[#@] sourceMappingURL=\S*\s*$/, '').trim();
}

// sha256 (base64url) of libraryText() of each release file as published on the npm registry.
const RELEASES = new Map<string, string>([
  ['72Rz4zggLZprBvJ2KDR_qH6QD0YVCKDHu-YkJgUdewo', 'jQuery 1.11.0'],
  ['LpRevNm5VefFQ7pK1B6Pd3mgd7SCoCB9t0vW3tICHRc', 'jQuery 1.11.0 (minified)'],
  ['wOkVW-Sj2k3Q5YrkuE3-jc1O0H5NcUoQQUqA1DM26UM', 'jQuery 1.11.1'],
  ['JCYrqv7xcJKSfD2v52SqpSoqNxuD7SJJzKfkFN-Z-sE', 'jQuery 1.11.1 (minified)'],
  ['26qp7zA-Lw2Cz7ZEj6p0TwWu1YRJ2O1pinSuPQCqRWk', 'jQuery 1.11.2'],
  ['yJY7a9LKhJdgN5S_mty_96PqVcnD7e89WpkkBe4lapA', 'jQuery 1.11.2 (minified)'],
  ['_HeSSNW82GgUDDUFwgOuC431UUfdoe1HubwnoUriq-Q', 'jQuery 1.11.3'],
  ['Mpq5K5J2704xSPab5rIIlpvr3y2zEhpYnKoXJFP9nxA', 'jQuery 1.11.3 (minified)'],
  ['EPG4FT3fwvveTvoAUYSC-QLz2cpYluubYrzOJeOjMPY', 'jQuery 1.12.0'],
  ['wmz86cr3uWWGGVbB8XOCH0Xx4fYapL0Z3dSyZyNBHJ0', 'jQuery 1.12.0 (minified)'],
  ['TQrUBgXESZKk7rT8igyb7U9Y79tnhCTpKa-ryqxXaHc', 'jQuery 1.12.4'],
  ['jCgS3tZDZxUnn4_Y21jeMHqjmrApb-PPDoeQZ8Uemxg', 'jQuery 1.12.4 (minified)'],
  ['B2XQEZx2OKX72QU_Ajzh8RSgp617KVO-jsMipVPhIUY', 'jQuery 2.1.4'],
  ['qw0GO0_ygnGSwORBA9MJFFeh0jdMO2JDchxWebth6uI', 'jQuery 2.1.4 (minified)'],
  ['pwPM8RlFxCOF36McbE3hWdOJ4TqxqcoVxR3thX4Igb4', 'jQuery 2.2.4'],
  ['_c53ptAFPzLSMVGKhKcbyrXIYEXtUjadoAuJ1ChK70Y', 'jQuery 2.2.4 (minified)'],
  ['e-IYQVYAj-TUXZzqsbukkWEv4fxZ1k2c_5ZPiDPRvr0', 'jQuery 3.0.0'],
  ['YGk5gplzAgOqQ00VIMz4jui_Cu7iQayhjtvYXHiUNDI', 'jQuery 3.0.0 (minified)'],
  ['6pmW3LF5IGPcT_GkqmwAEKsdSHtNVR2OefBO2bbVRsE', 'jQuery 3.0.0 slim'],
  ['EhF5Re5Lg2xxP_CJGLvFouVCHTs9SJ291qIXCf7DG8Y', 'jQuery 3.0.0 slim (minified)'],
  ['cvMQPUh8DlkXP4XY-1JjDsCSIPwj-DEA607Y2PcDNzA', 'jQuery 3.1.1'],
  ['iS_MJJubD9bocndB0h1c3VR0I4MnuhFjCLXfrW3f0b0', 'jQuery 3.1.1 (minified)'],
  ['7r5FUt4txcmdv8B7CcF1LBGupEgVPr_gBH8sPdWtvxs', 'jQuery 3.1.1 slim'],
  ['ik6DQg-pRdJdj2jlISIA3TEfg6hHJim9GGBF9OtgDC8', 'jQuery 3.1.1 slim (minified)'],
  ['Ip5G2s8GYO0Wh6hTsLlWjhQQySFkV5M3M2yD_Fkb1NI', 'jQuery 3.2.1'],
  ['OWRoY6QU4KhJILOoY5wPPoyUU16NwFG0K0haBo3CkC8', 'jQuery 3.2.1 (minified)'],
  ['to-eWFCms4Bj7j-u96m1kDUayhOBKGhB18jnbmsxTCE', 'jQuery 3.2.1 slim'],
  ['kaBKXf5QHVSvilm5Qklb16smu4Eas09GARX8Amf4JfE', 'jQuery 3.2.1 slim (minified)'],
  ['NEp9kCxtIZSS48ji86KcFjTHO-fEEKi1IS7Wf1YIHjk', 'jQuery 3.3.1'],
  ['oozPintQUive6gzYPN7KIhwY_B-d8-5rPTxI1ZkgaFU', 'jQuery 3.3.1 (minified)'],
  ['V8KYLzQeVvMP5tevOcGTcoGUvoD7qreBY5uYVfkJm5s', 'jQuery 3.3.1 slim'],
  ['o3xvfVoAnalAlD3CPebt5QWZ3yLdooNGruu0ZJvZy0U', 'jQuery 3.3.1 slim (minified)'],
  ['9a1ysTo7pmFMrrcOQwbWkPaTm3UuKNwOxIwhgmR3YfU', 'jQuery 3.4.1'],
  ['TCTf0oeErSvvs9r6rGvx7U581YzOcT2aCyKNQm6BK68', 'jQuery 3.4.1 (minified)'],
  ['fMBqB_h2bLvqTCFnck2sBmgEh7jzIO3Ee3Qflk4uxYo', 'jQuery 3.4.1 slim'],
  ['4FXgYQ1wPAPZDoMQLBHozxSKcu6D_vfBOhcKan5rfLY', 'jQuery 3.4.1 slim (minified)'],
  ['oOQFy8LLF9Z7wOZ7JI_xU0DfP_LuVRaumnD9P2iHw2M', 'jQuery 3.5.1'],
  ['YVCjXA9IbEbK3w4jDiqhWcfCPs-7VhG2TuPyX8v_NB8', 'jQuery 3.5.1 (minified)'],
  ['9XT-cLBfpy02SWVGNyb82p5h4j9K3CiKuwWAF-IZcvo', 'jQuery 3.5.1 slim'],
  ['xG3AUc6BxK8rIJarv4ha5Lp0Z_9dsPAQbO7pKM82WKM', 'jQuery 3.5.1 slim (minified)'],
  ['96BWq7uywXsy3NhyL1j-CzFGWZ4TAk-zK5iB3K2_3G8', 'jQuery 3.6.0'],
  ['gPBHF_MuoDIMXoYY-6zt0f7jqHda2CkhQKYRNVHUtbA', 'jQuery 3.6.0 (minified)'],
  ['yjFvoMV4c3Ks6acJb32HFZa4ZM8OxvbL6SU1cy9-M1E', 'jQuery 3.6.0 slim'],
  ['cv41He_hwWkpVOkUelI8LjKUxEfGNJZ3vuWdTphtjPk', 'jQuery 3.6.0 slim (minified)'],
  ['xuhHVOI2mVZFp6C5AD8xhCStqzyHTuId3BkIXj1Vtpc', 'jQuery 3.6.1'],
  ['ExwNgpZ_7QXhkg5Rng6m7JGrl7fEBID3L4r4aAu6Hwo', 'jQuery 3.6.1 (minified)'],
  ['zHE9l4fmCfd22Ff8Yjvx9U46ZweP6verRHbbi68PHNo', 'jQuery 3.6.1 slim'],
  ['5SNPLTO16H6Ileaz7mSGhyEjhkNOZH1mys9SLZtwmRw', 'jQuery 3.6.1 slim (minified)'],
  ['bnDd4ro-LhsVYVaE8_HFCW15GMrgcIVCzvJ6Cbdp3X8', 'jQuery 3.6.3'],
  ['RI7wYyIRuhjXwVV6bSIlCCCsO0Rlui5ztxN_TcSjGhI', 'jQuery 3.6.3 (minified)'],
  ['Y_xXMWyhUYfSU7kP38deymKKLgQ40JqOT7fy_MZ3q7E', 'jQuery 3.6.3 slim'],
  ['o6Wi3aJwEinBu-pMgCOWs0qYOWW6YYH725nhyEYmRnE', 'jQuery 3.6.3 slim (minified)'],
  ['TUERH0AAbcOL-5TA4lq1anoWC2fZFWnvyHXZG66M_PQ', 'jQuery 3.6.4'],
  ['RLV8jHs_c94IwGV5rRMFoxqAopufQO31r4I48NLwx5w', 'jQuery 3.6.4 (minified)'],
  ['9UfskTg3rAOqd4dIvLBTnJAip3a6kxOz3jHDTrWqLGo', 'jQuery 3.6.4 slim'],
  ['FzbNXkFrAz83aUrEmLJogrQLfogCEA1NixVrreTJMcY', 'jQuery 3.6.4 slim (minified)'],
  ['AOx0DS0vkdQbUFdr-3VdfJ5YoUvrQOMdhPtnn-1xFMM', 'jQuery 3.7.0'],
  ['j3ZO-7LNswPjAZMl2BEiXq0n1lb4tAOQ3kJ9sUFdxWo', 'jQuery 3.7.0 (minified)'],
  ['E_SkDXzkxgjwLPgkXX0ZebmyQhReUVnrjkgSQZaMOjQ', 'jQuery 3.7.0 slim'],
  ['AVo4lS7tlar8svfLq14qoJjkoTAvbe6cIFbjZGwC6FU', 'jQuery 3.7.0 slim (minified)'],
  ['EmrdiWOeeskt_2fAYcLjJIbsypHQ0dHtjxvF7jRZaic', 'jQuery 3.7.1'],
  ['PnUB0Vw2MOeRyLIDkuud7jGp9lzj793nbO9ccQFBqyQ', 'jQuery 3.7.1 (minified)'],
  ['T-dV2au8mRW3Ae5wved7mtaYynEQlRYP_o0J0JwGMrw', 'jQuery 3.7.1 slim'],
  ['MnSZeU4f1L1WsaWOLCP4OAPr2_7ewy0colwYY7T4c9o', 'jQuery 3.7.1 slim (minified)'],
]);

/** The name of the release this script is, if it is one, unmodified. */
export function knownLibrary(code: string): string | undefined {
  // Releases are 80–300 KB; anything far outside cannot be one and is not worth hashing.
  if (code.length < 20_000 || code.length > 400_000) return undefined;
  return RELEASES.get(createHash('sha256').update(libraryText(code)).digest('base64url'));
}
