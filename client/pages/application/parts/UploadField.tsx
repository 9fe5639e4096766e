import { Close, Photograph } from '@nutui/icons-react-taro'
import { Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { CloudImage } from '../../../components/CloudImage'
import { errorMessage, IS_WEAPP, uploadFile } from '../../../services/cloud'
import { toast } from '../../../utils/toast'

/** Pictures chosen on this device in this session (fileID → the local picture), shown without a round trip. */
const previews = new Map<string, string>()

interface Props {
  value: string[]
  onChange: (value: string[]) => void
  /** Storage folder, e.g. "licences". */
  dir: string
  max?: number
  /** Label of the add tile. */
  addText?: string
  /** weapp: also offer PDF / documents from a chat (H5 browsers pick images only). */
  allowDocuments?: boolean
}

/**
 * Photo (or document) upload: tiles with previews, a remove button on each, and an add tile that opens the
 * album / camera. Files go to storage through services/cloud.ts as soon as they are chosen.
 */
export function UploadField({ value, onChange, dir, max = 1, addText = '上传照片', allowDocuments }: Props) {
  const [busy, setBusy] = useState(false)

  const pick = async (kind: 'image' | 'file') => {
    if (busy) return
    let paths: string[]
    try {
      if (kind === 'image') {
        const res = await Taro.chooseImage({
          count: Math.max(1, max - value.length),
          sizeType: ['compressed'],
          sourceType: ['album', 'camera'],
        })
        paths = res.tempFilePaths
      } else {
        const res = await Taro.chooseMessageFile({
          count: 1,
          type: 'file',
          extension: ['pdf', 'jpg', 'jpeg', 'png'],
        })
        paths = res.tempFiles.map((f) => f.path)
      }
    } catch {
      return // cancelled
    }
    setBusy(true)
    const added: string[] = []
    try {
      for (const p of paths.slice(0, max - value.length)) {
        const { fileID } = await uploadFile(p, dir)
        if (!/\.pdf$/i.test(fileID)) previews.set(fileID, p)
        added.push(fileID)
      }
    } catch (e) {
      toast.fail(errorMessage(e))
    } finally {
      setBusy(false)
      if (added.length) onChange([...value, ...added])
    }
  }

  return (
    <View className="ap-upload">
      {value.map((id) => {
        const pdf = /\.pdf$/i.test(id)
        return (
          <View className="ap-upload__tile" key={id} data-testid="upload-tile">
            <CloudImage
              fileID={id}
              local={previews.get(id)}
              className="ap-upload__img"
              previewable
              fallback={
                <View className="ap-upload__file">
                  <Text className="ap-upload__file-kind">{pdf ? 'PDF' : '图片'}</Text>
                  <Text className="ap-upload__file-ok">已上传</Text>
                </View>
              }
            />
            <View
              className="ap-upload__remove"
              aria-label="删除"
              onClick={() => onChange(value.filter((v) => v !== id))}
            >
              <Close size={10} color="#ffffff" />
            </View>
          </View>
        )
      })}
      {value.length < max && (
        <View className="ap-upload__add" onClick={() => void pick('image')} data-testid="upload-add">
          {busy ? (
            <Loading type="spinner" />
          ) : (
            <>
              <Photograph size={26} color="#8a94a6" />
              <Text className="ap-upload__add-text">{addText}</Text>
            </>
          )}
        </View>
      )}
      {IS_WEAPP && allowDocuments && value.length < max && !busy && (
        <View className="ap-ap-upload__add ap-upload__add--doc" onClick={() => void pick('file')}>
          <Text className="ap-upload__add-pdf">PDF</Text>
          <Text className="ap-upload__add-text">从聊天选文件</Text>
        </View>
      )}
    </View>
  )
}
