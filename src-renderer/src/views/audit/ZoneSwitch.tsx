import { setAuditZone, useAuditZone, zoneLabel, type AuditZone } from './auditTime';

/** Local time or UTC for every time the Audit view shows; remembered in this browser or window. */
export function ZoneSwitch() {
  const zone = useAuditZone();
  return (
    <label className="audit-zone">
      Times in
      <select value={zone} onChange={(e) => setAuditZone(e.target.value as AuditZone)}>
        <option value="local">{zoneLabel('local')}</option>
        <option value="utc">{zoneLabel('utc')}</option>
      </select>
    </label>
  );
}
