/**
 * The catalogue against the recorded runs of the real extensions: every entry is either backed by
 * a recorded write at the file, line and function it names, or marked source-only with a citation;
 * every write a library made in the runs is covered by an entry; every key of every recorded
 * cookie is attributed to the library and the call that wrote it.
 */
import { describe, expect, it } from "vitest";
import type { PyDict } from "@/lib/flask-session/py-value";
import { attributeSession } from "./attribute";
import { CATALOGUE, keyLabel, matchKey } from "./catalogue";
import { LIBRARIES, libraryOfModule } from "./libraries";
import { ALL_STEPS, RECORDED, serverSessionOf, sessionOf, step, type RecordedFrame } from "./recorded-fixture";
import type { CatalogueEntry } from "./types";

const CITATION = /^(?<repo>[\w.-]+\/[\w.-]+)@(?<ref>[\w.+-]+):(?<path>[^:]+):(?<line>\d+)$/;

function keyFits(entry: CatalogueEntry, key: string): boolean {
  if (entry.renamedBy) return true; // the key is whatever the setting names
  return entry.key.kind === "exact" ? entry.key.name === key : entry.key.regex.test(key);
}

describe("catalogue entries", () => {
  it("have unique ids of the form <library>:<key>", () => {
    const ids = CATALOGUE.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CATALOGUE) expect(entry.id).toBe(`${entry.library}:${keyLabel(entry)}`);
  });

  it("name companions and write sites that exist", () => {
    const ids = new Set(CATALOGUE.map((entry) => entry.id));
    for (const entry of CATALOGUE) {
      for (const id of entry.companions ?? []) expect(ids.has(id), `${entry.id} → ${id}`).toBe(true);
      expect(entry.writers.length, entry.id).toBeGreaterThan(0);
    }
  });

  for (const entry of CATALOGUE) {
    if (entry.evidence.source === "run") {
      it(`${entry.id}: backed by recorded writes at the lines it names`, () => {
        const observed = entry.writers.filter((site) => site.steps && site.steps.length > 0);
        expect(observed.length, "a run entry needs at least one observed write site").toBeGreaterThan(0);
        for (const site of observed) {
          for (const id of site.steps ?? []) {
            const write = step(id).writes.find(
              (w) => w.op === "set" && w.key !== null && keyFits(entry, w.key) && w.writer?.file === site.file && w.writer.line === site.line,
            );
            expect(write, `${id} wrote no ${keyLabel(entry)} at ${site.file}:${site.line}`).toBeDefined();
            expect(write?.writer?.function).toBe(site.function);
            expect(libraryOfModule(site.file)).toBe(entry.library);
          }
        }
      });
    } else {
      it(`${entry.id}: source-only, with a citation of the line that writes it`, () => {
        const evidence = entry.evidence;
        if (evidence.source !== "source-only") throw new Error("unreachable");
        const cited = CITATION.exec(evidence.citation)?.groups;
        expect(cited, evidence.citation).toBeDefined();
        expect(LIBRARIES[entry.library].repositories).toContain(cited?.repo);
        expect(entry.writers.some((site) => cited?.path === site.file && Number(cited?.line) === site.line)).toBe(true);
        for (const site of entry.writers) expect(site.steps, `${entry.id} cites source but claims a run`).toBeUndefined();
        expect(evidence.reason.length).toBeGreaterThan(0);
      });
    }
  }
});

/** The most recent recorded write of `key` in the scenario, at or before the step: who wrote what is in the cookie. */
function lastWriteOf(stepId: string, key: string): { stepId: string; writer: RecordedFrame | null } | null {
  const scenario = RECORDED.scenarios.find((s) => s.steps.some((st) => st.id === stepId));
  let found: { stepId: string; writer: RecordedFrame | null } | null = null;
  for (const st of scenario?.steps ?? []) {
    for (const w of st.writes) if (w.op === "set" && w.key === key) found = { stepId: st.id, writer: w.writer };
    if (st.id === stepId) break;
  }
  return found;
}

describe("every recorded write by a library is in the catalogue", () => {
  const writes = ALL_STEPS.flatMap((st) => st.writes.filter((w) => w.op === "set" && w.writer && libraryOfModule(w.writer.file)).map((w) => ({ st, w })));

  it("covers the library writes of the runs", () => expect(writes.length).toBeGreaterThan(50));

  for (const { st, w } of writes) {
    it(`${st.id}: ${w.key} from ${w.writer?.file}:${w.writer?.line}`, () => {
      const cookieValue = st.setCookies.find((c) => c.session)?.session;
      const loaded = cookieValue ? sessionOf(st.setCookies.find((c) => c.session)!) : null;
      const value = loaded?.entries.get(w.key ?? "");
      const matches = matchKey(w.key ?? "", value?.type === "str" ? value.value : null);
      const site = matches
        .flatMap((m) => m.entry.writers.map((s) => ({ entry: m.entry, s })))
        .find(({ s }) => s.file === w.writer?.file && s.line === w.writer?.line);
      expect(site, `no entry names ${w.writer?.file}:${w.writer?.line} for ${w.key}`).toBeDefined();
      expect(site?.entry.library).toBe(libraryOfModule(w.writer!.file));
      expect(site?.s.steps ?? [], `${site?.entry.id} should list ${st.id}`).toContain(st.id);
    });
  }
});

describe("every key of every recorded cookie is attributed to the library and call that wrote it", () => {
  const cases: Array<{ stepId: string; cookieName: string; session: PyDict }> = [];
  for (const st of ALL_STEPS) {
    for (const cookie of st.setCookies) {
      if (cookie.session) cases.push({ stepId: st.id, cookieName: cookie.name, session: sessionOf(cookie) });
      if (cookie.serverSide) cases.push({ stepId: st.id, cookieName: `${cookie.name} (server side)`, session: serverSessionOf(cookie) });
    }
  }

  it("has cookies from every scenario that sets one", () => {
    const scenarios = new Set(cases.map((c) => c.stepId.split("/")[0]));
    expect(scenarios.size).toBeGreaterThanOrEqual(20);
  });

  for (const { stepId, cookieName, session } of cases) {
    it(`${stepId} ${cookieName}: ${[...session.entries.keys()].join(", ")}`, () => {
      const { keys } = attributeSession(session);
      for (const { key, origins } of keys) {
        const write = lastWriteOf(stepId, key);
        expect(write, `no recorded write of ${key} before ${stepId}`).not.toBeNull();
        const library = write?.writer ? libraryOfModule(write.writer.file) : null;
        if (library === null) {
          // Written by the scenario's own app code: no catalogued library may claim it.
          expect(origins, key).toEqual([]);
          continue;
        }
        expect(origins[0]?.entry.library, key).toBe(library);
        const site = origins[0].entry.writers.find((s) => s.file === write?.writer?.file && s.line === write.writer.line);
        expect(site, `${origins[0].entry.id} lacks ${write?.writer?.file}:${write?.writer?.line}`).toBeDefined();
        // The trigger: the call named at that site is the one recorded in that step.
        expect(site?.steps).toContain(write?.stepId);
      }
    });
  }
});
