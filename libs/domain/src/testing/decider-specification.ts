/**
 * Tests that read as the rule they check:
 *   given([drafted, submitted]).when(approve by sectionHead).thenThrows(NotAllowed)
 */
export interface Decider<C, S, E> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export function deciderSpecification<C, S, E>(decider: Decider<C, S, E>) {
  return {
    given(events: E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens() {
              expect(run()).toEqual([]);
            },
            thenThrows<T extends Error>(type: new (...args: never[]) => T, check?: (error: T) => void) {
              let thrown: unknown;
              try {
                run();
              } catch (e) {
                thrown = e;
              }
              expect(thrown).toBeInstanceOf(type);
              check?.(thrown as T);
            },
          };
        },
      };
    },
  };
}
