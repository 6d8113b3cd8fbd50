/* pb-enums.h — the enumerations of the plan model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nicks are what the database stores and what the exchange JSON
 * writes, so they are part of the file formats: never change one.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PB_ITEM_KIND_GOAL,    /*< nick=goal >*/
  PB_ITEM_KIND_TASK,    /*< nick=task >*/
  PB_ITEM_KIND_MEASURE, /*< nick=measure >*/
} PbItemKind;

typedef enum
{
  PB_ITEM_STATUS_NOT_STARTED, /*< nick=not-started >*/
  PB_ITEM_STATUS_IN_PROGRESS, /*< nick=in-progress >*/
  PB_ITEM_STATUS_DONE,        /*< nick=done >*/
  PB_ITEM_STATUS_BLOCKED,     /*< nick=blocked >*/
  PB_ITEM_STATUS_CANCELLED,   /*< nick=cancelled >*/
} PbItemStatus;

typedef enum
{
  PB_PROGRESS_MODE_MANUAL,     /*< nick=manual >*/
  PB_PROGRESS_MODE_INDICATORS, /*< nick=indicators >*/
} PbProgressMode;

typedef enum
{
  PB_HEALTH_NONE,   /*< nick=none >*/
  PB_HEALTH_BLUE,   /*< nick=blue >*/
  PB_HEALTH_YELLOW, /*< nick=yellow >*/
  PB_HEALTH_RED,    /*< nick=red >*/
} PbHealth;

typedef enum
{
  PB_ROLE_LEAD,        /*< nick=lead >*/
  PB_ROLE_RESPONSIBLE, /*< nick=responsible >*/
} PbRole;

typedef enum
{
  PB_INDICATOR_KIND_CUMULATIVE, /*< nick=cumulative >*/
  PB_INDICATOR_KIND_ANNUAL,     /*< nick=annual >*/
} PbIndicatorKind;

typedef enum
{
  PB_DIRECTION_INCREASE, /*< nick=increase >*/
  PB_DIRECTION_DECREASE, /*< nick=decrease >*/
} PbDirection;

typedef enum
{
  PB_COMPARATOR_EQ,     /*< nick== >*/
  PB_COMPARATOR_GE,     /*< nick=>= >*/
  PB_COMPARATOR_LE,     /*< nick=<= >*/
  PB_COMPARATOR_ABOUT,  /*< nick=~ >*/
} PbComparator;

typedef enum
{
  PB_CONFIDENCE_CLEAR,      /*< nick=clear >*/
  PB_CONFIDENCE_BORDERLINE, /*< nick=borderline >*/
} PbConfidence;

typedef enum
{
  PB_PERIOD_KIND_MONTH,   /*< nick=month >*/
  PB_PERIOD_KIND_QUARTER, /*< nick=quarter >*/
} PbPeriodKind;

G_END_DECLS
