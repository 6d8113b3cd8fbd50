/* pb-zip.h — libarchive and libxml2, loaded when a .docx or .xlsx is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Word and Excel files are zip packages of XML parts. The readers
 * (pb-document.c, pb-xlsx.c) include this header after <archive.h> and
 * <libxml/tree.h> and call the libraries' functions by their usual names;
 * they go through tables that pb_zip_load() fills the first time (see
 * pb-module.h): neither program links libarchive or libxml2 (nor ICU,
 * nettle, the compressors they bring). A function not yet listed does not
 * link: add it to both lists.
 */
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pb-module.h"

G_BEGIN_DECLS

#define PB_ARCHIVE_FUNCTIONS(F) \
  F (archive_entry_filetype) \
  F (archive_entry_pathname) \
  F (archive_entry_size) \
  F (archive_entry_size_is_set) \
  F (archive_error_string) \
  F (archive_read_data) \
  F (archive_read_data_skip) \
  F (archive_read_free) \
  F (archive_read_new) \
  F (archive_read_next_header) \
  F (archive_read_open_filename) \
  F (archive_read_open_memory) \
  F (archive_read_support_format_zip)

#define PB_XML_FUNCTIONS(F) \
  F (xmlDocGetRootElement) \
  F (xmlFreeDoc) \
  F (xmlGetProp) \
  F (xmlNodeGetContent) \
  F (xmlNodeListGetString) \
  F (xmlReadMemory)

typedef struct
{
  PB_ARCHIVE_FUNCTIONS (PB_MODULE_POINTER)
} PbArchiveFunctions;

typedef struct
{
  PB_XML_FUNCTIONS (PB_MODULE_POINTER)
  /* libxml2's deallocator is a variable: this points to it. */
  xmlFreeFunc *xmlFree;
} PbXmlFunctions;

extern PbArchiveFunctions pb_archive;
extern PbXmlFunctions pb_xml;

gboolean pb_zip_load (char **message);

/* What the readers refuse in a part before libxml2 parses it: */
gboolean pb_zip_xml_not_utf8     (const guint8 *data,
                                  gsize         len);
gboolean pb_zip_xml_declares_dtd (const guint8 *data,
                                  gsize         len);

#ifndef PB_ZIP_NO_REDIRECT
#define archive_entry_filetype          (pb_archive.archive_entry_filetype)
#define archive_entry_pathname          (pb_archive.archive_entry_pathname)
#define archive_entry_size              (pb_archive.archive_entry_size)
#define archive_entry_size_is_set       (pb_archive.archive_entry_size_is_set)
#define archive_error_string            (pb_archive.archive_error_string)
#define archive_read_data               (pb_archive.archive_read_data)
#define archive_read_data_skip          (pb_archive.archive_read_data_skip)
#define archive_read_free               (pb_archive.archive_read_free)
#define archive_read_new                (pb_archive.archive_read_new)
#define archive_read_next_header        (pb_archive.archive_read_next_header)
#define archive_read_open_filename      (pb_archive.archive_read_open_filename)
#define archive_read_open_memory        (pb_archive.archive_read_open_memory)
#define archive_read_support_format_zip (pb_archive.archive_read_support_format_zip)
#define xmlDocGetRootElement            (pb_xml.xmlDocGetRootElement)
#define xmlFreeDoc                      (pb_xml.xmlFreeDoc)
#define xmlGetProp                      (pb_xml.xmlGetProp)
#define xmlNodeGetContent               (pb_xml.xmlNodeGetContent)
#define xmlNodeListGetString            (pb_xml.xmlNodeListGetString)
#define xmlReadMemory                   (pb_xml.xmlReadMemory)
#undef xmlFree
#define xmlFree                         (*pb_xml.xmlFree)
#endif

G_END_DECLS
