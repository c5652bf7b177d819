import type { Command } from 'commander';
import { action, CliError, writeJson, writeLine } from '../output';

/**
 * `marketdesk fees calc|tiers|compare|round-trip|funding|optimize|break-even`: the fee core on the
 * command line. Every result names the schedule that priced it (id, date, source, verified).
 */

interface Common {
  exchange?: string;
  market: string;
  tier?: string;
  at?: string;
  schedule?: string[];
  scheduleId?: string;
  bnb?: boolean;
  token?: string;
  json?: boolean;
}

type FeesModule = typeof import('../../core/fees');

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function withCommon(cmd: Command, needsExchange = true): Command {
  if (needsExchange) cmd.option('--exchange <id>', 'exchange: binance, bybit, okx, bitget, bingx (or one from an imported schedule)');
  return cmd
    .option('--market <type>', 'spot or futures (USDⓈ-margined perpetuals)', 'spot')
    .option('--tier <name>', 'VIP tier as the exchange writes it ("VIP 1", "Regular") or compact ("VIP1", "VIP0")')
    .option('--at <date>', 'use the schedule in force at this date (YYYY-MM-DD or ISO-8601); default: newest')
    .option('--schedule <file>', 'import a fee schedule JSON file (wins over shipped ones); repeatable', collect)
    .option('--schedule-id <id>', 'use this schedule exactly')
    .option('--bnb', 'pay fees in the exchange fee token (BNB on Binance, BGB on Bitget)')
    .option('--token <symbol>', 'pay fees in this token (must be the schedule\'s discount token)')
    .option('--json', 'print the result as JSON on stdout');
}

type TextModule = typeof import('./fees-text');

async function load(opts: Common): Promise<{ fees: FeesModule; api: ReturnType<FeesModule['createFeeApi']>; fmt: TextModule }> {
  const [fees, fmt] = await Promise.all([import('../../core/fees'), import('./fees-text')]);
  const registry = fees.createShippedRegistry();
  if (opts.schedule?.length) {
    const fs = await import('node:fs');
    for (const file of opts.schedule) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`--schedule ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new CliError(`--schedule ${file}: not valid JSON: ${(err as Error).message}`);
      }
      registry.loadJson(json, 'imported', file);
    }
  }
  return { fees, api: fees.createFeeApi(registry), fmt };
}

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new CliError(`${flag} is required`);
  return value.trim();
}

function market(opts: Common): 'spot' | 'futures' {
  if (opts.market !== 'spot' && opts.market !== 'futures') throw new CliError(`--market: "${opts.market}" is not valid; valid: spot, futures`);
  return opts.market;
}

function orderType(value: string | undefined, flag: string): 'market' | 'limit' {
  const v = value ?? 'market';
  if (v !== 'market' && v !== 'limit') throw new CliError(`${flag}: "${v}" is not valid; valid: market, limit`);
  return v;
}

function token(opts: Common): boolean | string | undefined {
  return opts.token ?? (opts.bnb ? true : undefined);
}

function common(opts: Common) {
  return { vipLevel: opts.tier, at: opts.at, scheduleId: opts.scheduleId, payInToken: token(opts) };
}

/** Runs one subcommand: fee-input and schedule-validation errors become one-line CLI errors (exit 2). */
function run<O extends Common>(fn: (opts: O, m: Awaited<ReturnType<typeof load>>) => { json: unknown; text: string[] }) {
  return action(async (opts: O) => {
    const loaded = await load(opts);
    let out: { json: unknown; text: string[] };
    try {
      out = fn(opts, loaded);
    } catch (err) {
      if (err instanceof loaded.fees.FeeInputError || err instanceof loaded.fees.FeeScheduleValidationError) throw new CliError(err.message);
      throw err;
    }
    if (opts.json) writeJson(out.json);
    else for (const line of out.text) writeLine(line);
  });
}

export function register(program: Command): void {
  const fees = program.command('fees').description('trading fees: per order, VIP tiers, cross-exchange comparison, round trip, funding, break-even');

  withCommon(fees.command('calc').description('fee of one order'))
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--side <side>', 'buy or sell', 'buy')
    .option('--type <type>', 'market (taker) or limit (maker)', 'market')
    .option('--marketable', 'the limit order crosses the book (taker)')
    .option('--amount <qty>', 'base-asset quantity')
    .option('--price <price>', 'price in quote currency')
    .action(
      run<Common & { symbol: string; side: string; type: string; marketable?: boolean; amount?: string; price?: string }>((o, { api, fmt }) => {
        const r = api.calculateFee({
          exchange: need(o.exchange, '--exchange'),
          symbol: o.symbol,
          side: o.side as 'buy',
          orderType: orderType(o.type, '--type'),
          marketable: o.marketable,
          amount: need(o.amount, '--amount'),
          price: need(o.price, '--price'),
          marketType: market(o),
          ...common(o),
        });
        return { json: r, text: fmt.feeText(r) };
      }),
    );

  withCommon(fees.command('tiers').description('the VIP ladder; with --volume, the tier that volume reaches'))
    .option('--volume <amount>', '30-day trading volume, in the schedule\'s volume unit')
    .option('--balance <amount>', 'holding the schedule asks for (BNB balance on Binance, assets on OKX/Bybit)')
    .action(
      run<Common & { volume?: string; balance?: string }>((o, { api, fmt }) => {
        const ex = need(o.exchange, '--exchange');
        const ladder = api.getVIPTiers(ex, market(o), { at: o.at, scheduleId: o.scheduleId });
        const lookup = o.volume === undefined ? undefined : api.tierForVolume(ex, o.volume, market(o), o.balance, { at: o.at, scheduleId: o.scheduleId });
        if (o.balance !== undefined && o.volume === undefined) throw new CliError('--balance needs --volume');
        return { json: lookup ? { ...ladder, lookup } : ladder, text: fmt.ladderText(ladder, lookup) };
      }),
    );

  withCommon(fees.command('compare').description('maker/taker fees across exchanges, cheapest first'), false)
    .option('--exchanges <list>', 'comma-separated exchanges', 'binance,bybit,okx,bitget,bingx')
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--amount <qty>', 'base-asset quantity')
    .option('--price <price>', 'price in quote currency')
    .action(
      run<Common & { exchanges: string; symbol: string; amount?: string; price?: string }>((o, { api, fmt }) => {
        if (o.scheduleId) throw new CliError('--schedule-id does not apply to compare (one schedule per exchange)');
        if (o.token) throw new CliError('--token does not apply to compare; use --bnb to pay in each exchange\'s fee token');
        const list = o.exchanges.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
        const r = api.compareFeesAcrossExchanges(list, o.symbol, need(o.amount, '--amount'), need(o.price, '--price'), market(o), o.tier, { at: o.at, payInToken: o.bnb });
        return { json: r, text: fmt.compareText(r) };
      }),
    );

  withCommon(fees.command('round-trip').description('entry + exit fees of one position'))
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--amount <qty>', 'base-asset quantity')
    .option('--entry <price>', 'entry price')
    .option('--exit <price>', 'exit price')
    .option('--direction <dir>', 'long or short', 'long')
    .option('--entry-type <type>', 'market or limit', 'market')
    .option('--exit-type <type>', 'market or limit', 'market')
    .action(
      run<Common & { symbol: string; amount?: string; entry?: string; exit?: string; direction: string; entryType: string; exitType: string }>((o, { api, fmt }) => {
        const r = api.calculateRoundTripFee(need(o.exchange, '--exchange'), o.symbol, need(o.amount, '--amount'), need(o.entry, '--entry'), need(o.exit, '--exit'), market(o), {
          ...common(o),
          direction: o.direction as 'long',
          entryOrderType: orderType(o.entryType, '--entry-type'),
          exitOrderType: orderType(o.exitType, '--exit-type'),
        });
        return { json: r, text: fmt.roundTripText(r) };
      }),
    );

  fees
    .command('funding')
    .description('funding cost of holding a perpetual position (long pays when the rate is positive)')
    .option('--direction <dir>', 'long or short', 'long')
    .option('--amount <qty>', 'position size in base units')
    .option('--price <price>', 'mark price')
    .option('--rate <rate>', 'funding rate per period (fraction: 0.0001 = 0.01%)')
    .option('--periods <n>', 'number of funding periods at --rate')
    .option('--rates <list>', 'comma-separated rates, one per period (instead of --rate/--periods)')
    .option('--interval-hours <h>', 'hours between fundings', '8')
    .option('--json', 'print the result as JSON on stdout')
    .action(
      action(async (o: { direction: string; amount?: string; price?: string; rate?: string; periods?: string; rates?: string; intervalHours: string; json?: boolean }) => {
          const [f, fmt] = await Promise.all([import('../../core/fees'), import('./fees-text')]);
          let periods: number | undefined;
          if (o.periods !== undefined) {
            periods = Number(o.periods);
            if (!/^\d+$/.test(o.periods.trim()) || periods < 1) throw new CliError(`--periods: "${o.periods}" is not a whole number of at least 1`);
          }
          let r;
          try {
            r = f.calculateFundingCost({
              direction: o.direction as 'long',
              amount: need(o.amount, '--amount'),
              markPrice: need(o.price, '--price'),
              rates: o.rates?.split(',').map((x) => x.trim()),
              rate: o.rate,
              periods,
              intervalHours: o.intervalHours,
            });
          } catch (err) {
            if (err instanceof f.FeeInputError) throw new CliError(err.message);
            throw err;
          }
          if (o.json) writeJson(r);
          else for (const line of fmt.fundingText(r)) writeLine(line);
        }),
    );

  withCommon(fees.command('optimize').description('cheapest maker/taker execution for an order'))
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--amount <qty>', 'base-asset quantity')
    .option('--price <price>', 'price in quote currency')
    .option('--maker-fill <ratio>', 'expected share that fills passively as maker, 0..1', '1')
    .action(
      run<Common & { symbol: string; amount?: string; price?: string; makerFill: string }>((o, { api, fmt }) => {
        const r = api.feeOptimizer.findOptimalExecution(need(o.exchange, '--exchange'), o.symbol, need(o.amount, '--amount'), need(o.price, '--price'), market(o), {
          ...common(o),
          makerFillRatio: o.makerFill,
        });
        return { json: r, text: fmt.optimizeText(r) };
      }),
    );

  withCommon(fees.command('break-even').description('exit price at which PnL after both fees is zero (long and short)'))
    .option('--symbol <symbol>', 'unified symbol', 'BTC/USDT')
    .option('--amount <qty>', 'base-asset quantity', '1')
    .option('--entry <price>', 'entry price')
    .option('--direction <dir>', 'long or short (which side --json puts first is unchanged; both are given)', 'long')
    .option('--entry-type <type>', 'market or limit', 'market')
    .option('--exit-type <type>', 'market or limit', 'market')
    .option('--tick <size>', 'also round to this price tick, on the side that does not lose')
    .action(
      run<Common & { symbol: string; amount: string; entry?: string; direction: string; entryType: string; exitType: string; tick?: string }>((o, { api, fmt }) => {
        const r = api.feeOptimizer.calculateBreakEvenPrice(need(o.exchange, '--exchange'), o.symbol, o.amount, need(o.entry, '--entry'), market(o), {
          ...common(o),
          direction: o.direction as 'long',
          entryOrderType: orderType(o.entryType, '--entry-type'),
          exitOrderType: orderType(o.exitType, '--exit-type'),
          tickSize: o.tick,
        });
        return { json: r, text: fmt.breakEvenText(r) };
      }),
    );
}
