import GRDB

/// The database schema, created and upgraded by GRDB's migrator.
///
/// Layout choices, for speed of the per-customer aggregation:
/// - customers get a compact integer `key`; their business id is kept in `id`.
/// - `transactions` is a `WITHOUT ROWID` table clustered on `(customer, day, row_key, occurrence)`,
///   so the summary's `GROUP BY customer, day` reads the table in order with no sort, and the
///   primary key doubles as the de-duplication key of re-imported rows.
/// - `day` is the calendar day as days since 1970-01-01 (see `Day`).
enum Schema {
    /// `PRAGMA application_id` of a cvm database ("CVM1"), to tell it from other SQLite files.
    static let applicationID: Int32 = 0x4356_4D31

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE imports (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        file TEXT NOT NULL,
                        bytes INTEGER NOT NULL,
                        rows_read INTEGER NOT NULL DEFAULT 0,
                        rows_stored INTEGER NOT NULL DEFAULT 0,
                        rows_duplicate INTEGER NOT NULL DEFAULT 0,
                        rows_rejected INTEGER NOT NULL DEFAULT 0,
                        first_day INTEGER,
                        last_day INTEGER,
                        imported_at TEXT NOT NULL
                    );
                    CREATE TABLE customers (
                        key INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        name TEXT,
                        type TEXT,
                        email TEXT,
                        phone TEXT,
                        region TEXT,
                        industry TEXT,
                        age_band TEXT,
                        gender TEXT,
                        income_band TEXT,
                        acquired_day INTEGER,
                        channel TEXT,
                        owner TEXT,
                        tags TEXT,
                        import_id INTEGER REFERENCES imports(id)
                    );
                    CREATE TABLE transactions (
                        customer INTEGER NOT NULL,
                        day INTEGER NOT NULL,
                        row_key INTEGER NOT NULL,
                        occurrence INTEGER NOT NULL,
                        amount REAL NOT NULL,
                        time TEXT,
                        order_id TEXT,
                        product TEXT,
                        category TEXT,
                        quantity REAL,
                        cost REAL,
                        channel TEXT,
                        discount REAL,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (customer, day, row_key, occurrence)
                    ) WITHOUT ROWID;
                    CREATE TABLE prediction_runs (
                        id INTEGER PRIMARY KEY,
                        model TEXT NOT NULL,
                        spend_model TEXT,
                        settings TEXT NOT NULL,
                        customers INTEGER NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE predictions (
                        run INTEGER NOT NULL REFERENCES prediction_runs(id) ON DELETE CASCADE,
                        customer INTEGER NOT NULL,
                        p_alive REAL NOT NULL,
                        expected_purchases REAL NOT NULL,
                        expected_spend REAL,
                        clv REAL,
                        PRIMARY KEY (run, customer)
                    ) WITHOUT ROWID;
                    """)
        }
        // Marketing spend and payments. Both are upserted by a row key (see
        // MarketingImporter and PaymentImporter), so a re-imported file adds nothing and a
        // re-exported one updates amounts and payments instead of duplicating them.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE marketing (
                        row_key INTEGER NOT NULL,
                        occurrence INTEGER NOT NULL,
                        customer INTEGER REFERENCES customers(key),
                        segment TEXT,
                        day INTEGER NOT NULL,
                        amount REAL NOT NULL,
                        campaign_id TEXT,
                        channel TEXT,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (row_key, occurrence)
                    ) WITHOUT ROWID;
                    CREATE INDEX marketing_day ON marketing (day);
                    CREATE TABLE payments (
                        customer INTEGER NOT NULL,
                        row_key INTEGER NOT NULL,
                        occurrence INTEGER NOT NULL,
                        due_day INTEGER NOT NULL,
                        paid_day INTEGER,
                        amount_due REAL NOT NULL,
                        amount_paid REAL NOT NULL,
                        invoice_id TEXT,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (customer, row_key, occurrence)
                    ) WITHOUT ROWID;
                    """)
        }
        // Analysis runs (`cvm analyze`): one row of settings and headline figures per run, and one
        // row per customer with every per-customer result, clustered on (run, customer) so a run
        // reads and deletes as one range. Columns of steps that were skipped stay NULL.
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    CREATE TABLE analysis_runs (
                        id INTEGER PRIMARY KEY,
                        name TEXT,
                        created_at TEXT NOT NULL,
                        as_of INTEGER NOT NULL,
                        customers INTEGER NOT NULL,
                        settings TEXT NOT NULL,
                        overview TEXT NOT NULL
                    );
                    CREATE TABLE analysis_results (
                        run INTEGER NOT NULL REFERENCES analysis_runs(id) ON DELETE CASCADE,
                        customer INTEGER NOT NULL,
                        frequency REAL NOT NULL,
                        recency REAL NOT NULL,
                        t REAL NOT NULL,
                        monetary REAL NOT NULL,
                        revenue REAL NOT NULL,
                        orders INTEGER NOT NULL,
                        first_day INTEGER NOT NULL,
                        last_day INTEGER NOT NULL,
                        recency_days INTEGER NOT NULL,
                        r INTEGER NOT NULL,
                        f INTEGER NOT NULL,
                        m INTEGER NOT NULL,
                        segment TEXT NOT NULL,
                        p_alive REAL,
                        expected_purchases REAL,
                        expected_spend REAL,
                        clv REAL,
                        historical_value REAL,
                        current_value REAL,
                        potential_value REAL,
                        value_group TEXT,
                        profit REAL,
                        tier TEXT,
                        key_account INTEGER,
                        score REAL,
                        score_rank INTEGER,
                        credit_grade TEXT,
                        PRIMARY KEY (run, customer)
                    ) WITHOUT ROWID;
                    """)
        }
        // Order lines are identified by (customer, order id, line of the order) whatever their
        // day, so that a corrected re-export updates a line instead of storing it twice (see
        // TransactionImporter); imports record how many stored rows they changed, so that
        // deleting an import can tell whether that is exact. Order lines stored twice by earlier
        // versions (an order re-exported with another date) keep the later import's line; lines
        // of one order spread over several days of one file are numbered on.
        migrator.registerMigration("v4") { db in
            try db.execute(sql: "ALTER TABLE imports ADD COLUMN rows_updated INTEGER NOT NULL DEFAULT 0")
            try db.execute(
                sql: """
                    DELETE FROM transactions AS t
                    WHERE t.order_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM transactions n
                        WHERE n.order_id IS NOT NULL AND n.customer = t.customer AND n.row_key = t.row_key
                            AND n.occurrence = t.occurrence AND n.import_id > t.import_id)
                    """)
            let clashes = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.customer, t.row_key, t.occurrence, t.day FROM transactions t
                    WHERE t.order_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM transactions n
                        WHERE n.order_id IS NOT NULL AND n.customer = t.customer AND n.row_key = t.row_key
                            AND n.occurrence = t.occurrence AND n.day < t.day)
                    ORDER BY t.customer, t.row_key, t.day
                    """)
            for row in clashes {
                let customer: Int64 = row[0]
                let key: Int64 = row[1]
                let next =
                    (try Int64.fetchOne(
                        db, sql: "SELECT MAX(occurrence) FROM transactions WHERE customer = ? AND row_key = ?",
                        arguments: [customer, key]) ?? 0) + 1
                try db.execute(
                    sql: """
                        UPDATE transactions SET occurrence = ?
                        WHERE customer = ? AND row_key = ? AND occurrence = ? AND day = ?
                        """,
                    arguments: [next, customer, key, row[2] as Int64, row[3] as Int64])
            }
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX transactions_order_line ON transactions (customer, row_key, occurrence)
                    WHERE order_id IS NOT NULL
                    """)
        }
        // Interactions and complaints. Both are upserted by a row key (see InteractionImporter and
        // ComplaintImporter): a re-imported file adds nothing, and a later export in which an
        // interaction's outcome was filled in or a complaint got resolved updates the stored row.
        // Complaint times are kept as minutes after midnight beside the day, so that resolution
        // times are exact in hours when the file gives times; the satisfaction scale the file was
        // imported with is stored with each rating.
        migrator.registerMigration("v5") { db in
            try db.execute(
                sql: """
                    CREATE TABLE interactions (
                        customer INTEGER NOT NULL,
                        day INTEGER NOT NULL,
                        row_key INTEGER NOT NULL,
                        occurrence INTEGER NOT NULL,
                        time TEXT,
                        channel TEXT NOT NULL,
                        owner TEXT,
                        outcome TEXT,
                        direction TEXT,
                        stage TEXT,
                        note TEXT,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (customer, day, row_key, occurrence)
                    ) WITHOUT ROWID;
                    CREATE TABLE complaints (
                        customer INTEGER NOT NULL,
                        row_key INTEGER NOT NULL,
                        occurrence INTEGER NOT NULL,
                        complaint_id TEXT,
                        opened_day INTEGER NOT NULL,
                        opened_minute INTEGER,
                        resolved_day INTEGER,
                        resolved_minute INTEGER,
                        category TEXT,
                        severity INTEGER,
                        resolution TEXT,
                        satisfaction REAL,
                        scale_low INTEGER NOT NULL,
                        scale_high INTEGER NOT NULL,
                        channel TEXT,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (customer, row_key, occurrence)
                    ) WITHOUT ROWID;
                    """)
        }
        // The lifecycle of every customer in a run (stage, the rule that decided it, the journey's
        // pattern, the P(alive) it read and which model gave it) and the churn warnings with their
        // value at risk; and the care tasks the warnings open. At most one open or contacted task
        // per customer and reason.
        migrator.registerMigration("v6") { db in
            try db.execute(
                sql: """
                    ALTER TABLE analysis_results ADD COLUMN stage TEXT;
                    ALTER TABLE analysis_results ADD COLUMN stage_rule TEXT;
                    ALTER TABLE analysis_results ADD COLUMN pattern TEXT;
                    ALTER TABLE analysis_results ADD COLUMN lifecycle_p_alive REAL;
                    ALTER TABLE analysis_results ADD COLUMN warning_reasons TEXT;
                    ALTER TABLE analysis_results ADD COLUMN value_at_risk REAL;
                    CREATE TABLE care_tasks (
                        id INTEGER PRIMARY KEY,
                        customer INTEGER NOT NULL REFERENCES customers(key),
                        reason TEXT NOT NULL,
                        reasons TEXT NOT NULL,
                        value_at_risk REAL,
                        status TEXT NOT NULL,
                        owner TEXT,
                        opened_on INTEGER NOT NULL,
                        opened_run INTEGER,
                        updated_on INTEGER,
                        updated_by TEXT,
                        note TEXT,
                        closed_on INTEGER,
                        loss_reason TEXT,
                        won_by TEXT
                    );
                    CREATE UNIQUE INDEX care_tasks_active ON care_tasks (customer, reason)
                        WHERE status IN ('open', 'contacted');
                    CREATE INDEX care_tasks_customer ON care_tasks (customer);
                    """)
        }
        // Survey answers (满意度调查), one row per response × attribute × competitor as the file
        // gives them ('' for the response's overall row and for no competitor), so a re-imported
        // file changes nothing and deleting an import or a customer removes exactly its rows.
        // The scale travels with every row: waves may use different ones.
        migrator.registerMigration("v7") { db in
            try db.execute(
                sql: """
                    CREATE TABLE survey_answers (
                        wave TEXT NOT NULL,
                        response TEXT NOT NULL,
                        attribute TEXT NOT NULL,
                        competitor TEXT NOT NULL,
                        customer INTEGER,
                        day INTEGER NOT NULL,
                        stage TEXT,
                        scale_low INTEGER NOT NULL,
                        scale_high INTEGER NOT NULL,
                        importance REAL,
                        expectation REAL,
                        adequate REAL,
                        performance REAL,
                        competitor_performance REAL,
                        satisfaction REAL,
                        recommend REAL,
                        buy_again INTEGER,
                        referrals INTEGER,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (wave, response, attribute, competitor)
                    ) WITHOUT ROWID;
                    CREATE INDEX survey_answers_customer ON survey_answers (customer);
                    CREATE INDEX survey_answers_import ON survey_answers (import_id);
                    """)
        }
        // People and the API tokens of the web service: a token is stored only as the SHA-256 of
        // its text (hex), so a copy of the database lets no one in; revoking keeps the row, so the
        // history of who had access stays readable.
        migrator.registerMigration("v8") { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    CREATE TABLE api_tokens (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        token_hash TEXT NOT NULL UNIQUE,
                        label TEXT,
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    """)
        }
        // Care on dates and acquisition economics: a customer's birthday; marketing spend tagged
        // acquisition or retention; care tasks for a scheduled occasion carry their date, and are
        // unique per customer, occasion and date whatever their status (a birthday greeting closed
        // is not opened again), while warning tasks stay unique per customer and reason while active.
        migrator.registerMigration("v9") { db in
            try db.execute(
                sql: """
                    ALTER TABLE customers ADD COLUMN birthday INTEGER;
                    ALTER TABLE marketing ADD COLUMN purpose TEXT;
                    ALTER TABLE care_tasks ADD COLUMN due_on INTEGER;
                    DROP INDEX care_tasks_active;
                    CREATE UNIQUE INDEX care_tasks_active ON care_tasks (customer, reason)
                        WHERE status IN ('open', 'contacted') AND due_on IS NULL;
                    CREATE UNIQUE INDEX care_tasks_scheduled ON care_tasks (customer, reason, due_on)
                        WHERE due_on IS NOT NULL;
                    """)
        }
        // The dashboard: a user may have a password, kept only as its bcrypt hash; the task list's
        // order (active first, the highest value at risk first) and its owners come from indexes,
        // so that a page of it is read without sorting every task.
        migrator.registerMigration("v10") { db in
            try db.execute(sql: "ALTER TABLE users ADD COLUMN password_hash TEXT")
            try db.execute(
                sql: """
                    CREATE INDEX care_tasks_list ON care_tasks (
                        (status NOT IN ('open', 'contacted')), (value_at_risk IS NULL), value_at_risk DESC, id DESC)
                    """)
            try db.execute(sql: "CREATE INDEX care_tasks_owner ON care_tasks (owner)")
        }
        // The customer list by a run's revenue, CLV or score reads a range of stored positions
        // instead of sorting every customer (see `CustomerOrder`); runs stored before get theirs
        // here. By name it reads an index.
        migrator.registerMigration("v11") { db in
            try db.execute(sql: "CREATE INDEX customers_name ON customers (COALESCE(name, ''), id)")
            try db.execute(
                sql: """
                    CREATE TABLE analysis_ranks (
                        run INTEGER NOT NULL REFERENCES analysis_runs(id) ON DELETE CASCADE,
                        field INTEGER NOT NULL,
                        position INTEGER NOT NULL,
                        customer INTEGER NOT NULL,
                        segment INTEGER,
                        value_group INTEGER,
                        tier INTEGER,
                        PRIMARY KEY (run, field, position)
                    ) WITHOUT ROWID
                    """)
            for (code, column) in CustomerOrder.rankedFields {
                try db.execute(sql: CustomerOrder.rankingSQL(code: code, column: column))
            }
        }
        return migrator
    }
}
