// The gateway's integration tests need no Kafka: this replaces the preset's global setup (which starts the test broker).
module.exports = async () => {};
