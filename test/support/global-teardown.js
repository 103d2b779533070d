'use strict';
const STATE = Symbol.for('ocop-flow.test-stack');

module.exports = async function globalTeardown() {
  const stack = globalThis[STATE];
  if (!stack) return;
  for (const stop of stack.stops) {
    try {
      await stop();
    } catch (error) {
      console.warn(`teardown: ${error.message}`);
    }
  }
};
