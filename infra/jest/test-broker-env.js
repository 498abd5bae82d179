// Jest setup: the tests talk to (and the outage tests stop) the tests' own broker, never the one `npm start` uses.
require('./test-broker').useTestBrokerByDefault(process.env);
