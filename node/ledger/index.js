// alipay-notify/ledger: the notification ledger of docs/ledger.md. The embedded default on
// SQLite (better-sqlite3) for one machine, PostgreSQL (pg) for many servers; both share the
// apply-once recipe of ledger.js. Neither driver is loaded until its adapter is used.
'use strict'

const { Ledger, COLUMNS, failureName } = require('./ledger.js')
const { SqliteLedger, sqliteLedger } = require('./sqlite.js')
const { PgLedger, pgLedger } = require('./pg.js')
const ddl = require('./ddl.js')

module.exports = { Ledger, SqliteLedger, sqliteLedger, PgLedger, pgLedger, COLUMNS, failureName, ddl }
