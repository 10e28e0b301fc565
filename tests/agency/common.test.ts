import { describe, expect, it } from 'vitest';
import { readEmbargo, readPubStatus, readSignals, readUrgency } from '../../src/feed/agency/common.js';

describe('agency status, embargo, urgency and signal readings', () => {
  it('reads the status spellings agencies use, and refuses one it does not know', () => {
    expect(readPubStatus('stat:usable')).toEqual({ status: 'usable', reading: null, embargoed: false });
    expect(readPubStatus('http://cv.iptc.org/newscodes/pubstatusg2/withheld').status).toBe('withheld');
    expect(readPubStatus('USABLE').status).toBe('usable');
    expect(readPubStatus('Canceled').status).toBe('canceled');
    expect(readPubStatus('cancelled')).toEqual({
      status: 'canceled',
      reading: '"cancelled" (misspelt) read as canceled',
      embargoed: false,
    });
    expect(readPubStatus('Embargoed')).toEqual({
      status: 'usable',
      reading: '"Embargoed": usable once the embargo ends',
      embargoed: true,
    });
    expect(readPubStatus('OPEN').reading).toBe('"OPEN" read as usable');
    expect(readPubStatus(null).reading).toBe('no status given: read as usable');
    expect(() => readPubStatus('stat:draft')).toThrow('unknown publication status "stat:draft"');
  });

  it('reads embargo times: zones, compact forms, no zone (UTC, said), placeholders and empties (no embargo, said)', () => {
    expect(readEmbargo('2018-10-23T12:00:00Z', 'embargoed')).toEqual({
      embargo: '2018-10-23T12:00:00.000Z',
      embargoReading: 'embargoed "2018-10-23T12:00:00Z"',
    });
    expect(readEmbargo('20160909T000100+0100', 'date.release').embargo).toBe('2016-09-08T23:01:00.000Z');
    expect(readEmbargo('2022-07-11 18:33', 'date.release')).toEqual({
      embargo: '2022-07-11T18:33:00.000Z',
      embargoReading: 'date.release "2022-07-11 18:33" has no time zone: read as UTC',
    });
    expect(readEmbargo('0001-01-01T00:00:00', 'EmbargoTime')).toEqual({
      embargo: null,
      embargoReading: 'EmbargoTime "0001-01-01T00:00:00" is a placeholder: no embargo',
    });
    expect(readEmbargo('0001-01-01', 'embargoed').embargo).toBeNull();
    expect(readEmbargo('  ', 'embargoed')).toEqual({ embargo: null, embargoReading: 'embargoed is empty: no embargo' });
    expect(readEmbargo(null, 'embargoed')).toEqual({ embargo: null, embargoReading: null });
    expect(() => readEmbargo('next Friday', 'embargoed')).toThrow(
      'unreadable embargo time in embargoed: "next Friday"',
    );
  });

  it('reads urgency 1-9 only', () => {
    expect(readUrgency('1')).toBe(1);
    expect(readUrgency(9)).toBe(9);
    expect(readUrgency('')).toBeNull();
    expect(readUrgency('0')).toBeNull();
    expect(readUrgency('DEFAULT')).toBeNull();
  });

  it('tells corrections from updates across agency vocabularies', () => {
    expect(readSignals(['sig:correction'])).toEqual({ correction: true, update: false, codes: ['sig:correction'] });
    expect(readSignals(['http://cv.iptc.org/newscodes/signal/correction']).correction).toBe(true);
    expect(readSignals(['edStat:C']).correction).toBe(true);
    expect(readSignals(['edStat:U', 'prodId:TXT']).update).toBe(true);
    expect(readSignals(['update:append-major-content']).update).toBe(true);
    expect(readSignals(['tt_sig:replace']).update).toBe(true);
    expect(readSignals(['Writethru', 'Corrective'])).toMatchObject({ correction: true, update: true });
    expect(readSignals(['edStat:N', 'apsig:consumerready', 'pmt:picture', 'newscontent'])).toMatchObject({
      correction: false,
      update: false,
    });
  });

  it('reads the wording of editorial notes and headline prefixes where no code is sent, keeping codes as written', () => {
    expect(readSignals([], { note: 'Eds: UPDATES: With comment from defense lawyer.' })).toEqual({
      correction: false,
      update: true,
      codes: [],
    });
    expect(readSignals([], { note: 'Eds: Adds full-year results.' }).update).toBe(true);
    expect(readSignals([], { note: 'Corrects spelling of name in 3rd paragraph' }).correction).toBe(true);
    expect(readSignals([], { headline: 'CORRECTED-S. Illinois battles flooding' }).correction).toBe(true);
    expect(readSignals([], { headline: 'UPDATE 2-Primeira Liga Results' }).update).toBe(true);
    expect(
      readSignals([], { note: 'This story will be updated. STRICTLY EMBARGOED.', headline: 'Update on the floods' }),
    ).toMatchObject({
      correction: false,
      update: false,
    });
  });
});
