using System.Collections.Generic;
using Kaviar.Ops.Simulator.Ecs;

namespace Kaviar.Ops.Simulator;

/// <summary>Small but realistic migration folders of the seed apps, in the order their runners apply them.</summary>
public static class SeedMigrations
{
    /// <summary>Faxi's backend (seed 002): the seventeen files its runbook lists, shared prefixes and all.</summary>
    public static IReadOnlyList<SqlMigration> Faxi { get; } = new[]
    {
        new SqlMigration("001_initial_schema.sql", """
            CREATE TABLE users (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                phone_number text NOT NULL UNIQUE,
                email_address text,
                name text,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE fax_jobs (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid REFERENCES users (id),
                direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
                status text NOT NULL DEFAULT 'pending',
                fax_id text,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE conversation_contexts (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid NOT NULL REFERENCES users (id),
                context_data jsonb NOT NULL DEFAULT '{}',
                expires_at timestamptz NOT NULL
            );
            """),
        new SqlMigration("002_add_email_threads.sql", """
            CREATE TABLE email_threads (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid NOT NULL REFERENCES users (id),
                subject text,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("002_admin_tables.sql", """
            CREATE TABLE system_config (
                key text PRIMARY KEY,
                value jsonb NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("003_add_shopping_cart.sql", """
            CREATE TABLE shopping_carts (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid NOT NULL REFERENCES users (id),
                items jsonb NOT NULL DEFAULT '[]',
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("004_add_stripe_customer_id.sql", "ALTER TABLE users ADD COLUMN stripe_customer_id text;"),
        new SqlMigration("005_add_fax_delivery_tracking.sql", """
            ALTER TABLE fax_jobs ADD COLUMN delivered_at timestamptz, ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0;
            """),
        new SqlMigration("006_add_user_preferences.sql", "ALTER TABLE users ADD COLUMN preferences jsonb NOT NULL DEFAULT '{}';"),
        new SqlMigration("007_add_application_logs.sql", """
            CREATE TABLE application_logs (
                id bigserial PRIMARY KEY,
                level text NOT NULL,
                message text NOT NULL,
                context jsonb,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX idx_application_logs_created_at ON application_logs (created_at);
            """),
        new SqlMigration("007_user_insights.sql", """
            CREATE TABLE user_insights (
                user_id uuid PRIMARY KEY REFERENCES users (id),
                profile jsonb NOT NULL DEFAULT '{}',
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("008_add_admin_users.sql", """
            CREATE TABLE admin_users (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                email text NOT NULL UNIQUE,
                password_hash text NOT NULL,
                role text NOT NULL DEFAULT 'viewer',
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("009_add_hackathon_metrics_tables.sql", """
            CREATE TABLE processing_metrics (
                id bigserial PRIMARY KEY,
                metric_type text NOT NULL,
                value numeric NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("010_add_email_delivery_tracking.sql", "ALTER TABLE email_threads ADD COLUMN last_delivery_status text;"),
        new SqlMigration("011_add_email_abuse_prevention.sql", """
            CREATE TABLE blocked_senders (
                email_address text PRIMARY KEY,
                reason text,
                blocked_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("012_add_shopping_order_fields.sql", """
            CREATE TABLE orders (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid NOT NULL REFERENCES users (id),
                cart_id uuid REFERENCES shopping_carts (id),
                status text NOT NULL DEFAULT 'pending',
                total_amount numeric(12, 2),
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("013_add_playwright_product_cache.sql", """
            CREATE TABLE product_cache (
                asin text PRIMARY KEY,
                title text NOT NULL,
                price numeric(12, 2),
                scraped_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        new SqlMigration("014_add_demo_user.sql", """
            INSERT INTO users (phone_number, name) VALUES ('+81-3-0000-0000', 'Demo User') ON CONFLICT (phone_number) DO NOTHING;
            """),
        new SqlMigration("014_product_cache_categories.sql", "ALTER TABLE product_cache ADD COLUMN category text;"),
    };

    /// <summary>The Medusa tables seed 000's backend could not find, with the providers Medusa registers at first boot.</summary>
    public static IReadOnlyList<SqlMigration> Medusa { get; } = new[]
    {
        new SqlMigration("001_create_currency.sql", """
            CREATE TABLE public.currency (
                code text PRIMARY KEY,
                symbol text NOT NULL,
                symbol_native text NOT NULL,
                name text NOT NULL,
                decimal_digits integer NOT NULL DEFAULT 0,
                rounding numeric NOT NULL DEFAULT 0,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                deleted_at timestamptz
            );
            INSERT INTO public.currency (code, symbol, symbol_native, name, decimal_digits) VALUES
                ('brl', 'R$', 'R$', 'Brazilian Real', 2),
                ('usd', '$', '$', 'US Dollar', 2);
            """),
        new SqlMigration("002_create_region_country.sql", """
            CREATE TABLE public.region_country (
                iso_2 text PRIMARY KEY,
                iso_3 text NOT NULL,
                num_code text NOT NULL,
                name text NOT NULL,
                display_name text NOT NULL,
                region_id text,
                metadata jsonb,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                deleted_at timestamptz
            );
            INSERT INTO public.region_country (iso_2, iso_3, num_code, name, display_name) VALUES ('br', 'bra', '076', 'BRAZIL', 'Brazil');
            """),
        new SqlMigration("003_create_tax_provider.sql", """
            CREATE TABLE public.tax_provider (
                id text PRIMARY KEY,
                is_enabled boolean NOT NULL DEFAULT true,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                deleted_at timestamptz
            );
            INSERT INTO public.tax_provider (id) VALUES ('tp_system');
            """),
        new SqlMigration("004_create_payment_provider.sql", """
            CREATE TABLE public.payment_provider (
                id text PRIMARY KEY,
                is_enabled boolean NOT NULL DEFAULT true,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                deleted_at timestamptz
            );
            INSERT INTO public.payment_provider (id) VALUES ('pp_system_default');
            """),
        new SqlMigration("005_create_notification_provider.sql", """
            CREATE TABLE public.notification_provider (
                id text PRIMARY KEY,
                handle text NOT NULL,
                name text NOT NULL,
                is_enabled boolean NOT NULL DEFAULT true,
                channels text[] NOT NULL DEFAULT '{}',
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                deleted_at timestamptz
            );
            INSERT INTO public.notification_provider (id, handle, name, channels) VALUES ('local', 'local', 'local', '{feed}');
            """),
    };
}
