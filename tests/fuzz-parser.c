/* fuzz-parser.c — libFuzzer target for the document reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes: decoded as a document would be, read as a number, and parsed
 * as a plan. Built with clang -fsanitize=fuzzer,address,undefined by
 * run-fuzz.sh, which runs it for a bounded time in the test suite.
 */
#include "config.h"

#include <stdint.h>

#include "pb-cn-number.h"
#include "pb-plan-parser.h"
#include "pb-text-source.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  JsonNode *plan;
  double value;

  text = pb_text_decode ((const char *) data, size, NULL, NULL);
  if (text == NULL)
    return 0;

  /* The number reader on its own, on short inputs. */
  if (strlen (text) < 64)
    pb_cn_number_parse (text, &value);

  plan = pb_plan_parse_text (text, -1, NULL, NULL);
  if (plan != NULL)
    json_node_unref (plan);

  return 0;
}
