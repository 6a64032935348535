// What answers carry on the wire that zod cannot say by one type: a server-side Date that goes out as an ISO string,
// and a file (PDF, Excel, image) instead of JSON. Types of answers are their wire form: `z.input<typeof answer>`.
import { z } from 'zod';

/** A moment: a Date in the server's handler, its ISO 8601 string in the JSON the web reads. */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() });

/**
 * A file answer (a download, not JSON) for `schema.response`: its media type and a description for openapi.json.
 * Fastify sends a Buffer, stream or string as it is, so the schema documents the answer and checks nothing.
 */
export const file = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: z.any().meta({ type: 'string', format: 'binary' }) } },
});

/** The Excel answer of an `…/export` route. */
export const xlsx = (description: string) => file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description);

/** An empty body of a command that takes no input (the body may be absent). */
export const noBody = z.object({}).nullish();

/**
 * One of `values`, read by the server from a text column: the handler may give a `string`, the reader gets the union.
 * Checked when the answer goes out, so a value outside the list is the server's error, not the web's surprise.
 */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values) as unknown as z.ZodType<string, T[number]>;
